export type TargetApiErrorKind = "timeout" | "refused" | "http" | "invalid_response" | "too_large";

/** The one error the target client throws; `kind` tells the caller whether retrying can help. */
export class TargetApiError extends Error {
  readonly kind: TargetApiErrorKind;
  readonly endpoint: string;
  readonly status: number | null;

  constructor(options: {
    kind: TargetApiErrorKind;
    endpoint: string;
    message: string;
    status?: number;
    cause?: unknown;
  }) {
    super(options.message, { cause: options.cause });
    this.name = "TargetApiError";
    this.kind = options.kind;
    this.endpoint = options.endpoint;
    this.status = options.status ?? null;
  }
}

const networkReasons: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "the connection was reset before an answer",
  UND_ERR_SOCKET: "the connection was closed before an answer",
  ENOTFOUND: "the host name does not resolve",
  EHOSTUNREACH: "the host is unreachable",
  ETIMEDOUT: "the connection attempt timed out",
};

/** Translates what `fetch` throws into a TargetApiError, or returns null when it is not a transport failure. */
export function describeFetchFailure(error: unknown, endpoint: string, baseUrl: string, timeoutMs: number): TargetApiError | null {
  if (error instanceof TargetApiError) return error;
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return new TargetApiError({
      kind: "timeout",
      endpoint,
      message: `The target at ${baseUrl} did not answer ${endpoint} within ${timeoutMs} ms.`,
      cause: error,
    });
  }
  if (error instanceof TypeError) {
    const code = findCode(error);
    const reason = (code && networkReasons[code]) ?? (code ? `network error ${code}` : error.message);
    return new TargetApiError({
      kind: "refused",
      endpoint,
      message: `Could not reach the target at ${baseUrl} for ${endpoint}: ${reason}.`,
      cause: error,
    });
  }
  return null;
}

function findCode(error: unknown): string | null {
  for (let current = error, depth = 0; current && depth < 4; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
