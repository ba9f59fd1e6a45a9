import { ReplyError } from "ioredis";

export type RedisErrorKind = "timeout" | "refused" | "auth" | "reply" | "closed" | "config";

/** Every failure talking to a Redis, in words an operator can act on; never carries the password. */
export class RedisError extends Error {
  constructor(
    readonly kind: RedisErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "RedisError";
  }
}

const UNREACHABLE = new Set(["ECONNREFUSED", "ECONNRESET", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EPIPE"]);

/** Classifies what ioredis (or the socket under it) threw; `endpoint` is host:port. */
export function toRedisError(error: unknown, options: { endpoint: string; timeoutMs: number }): RedisError {
  if (error instanceof RedisError) return error;
  const { endpoint, timeoutMs } = options;
  // ioredis types ReplyError as `any`, so the check does not narrow.
  if (error instanceof ReplyError && error instanceof Error) {
    const reply = error.message;
    if (/^(WRONGPASS|NOAUTH)\b/.test(reply)) {
      return new RedisError("auth", `Redis at ${endpoint} rejected the login (check the user and password in the Redis URL): ${reply}`, { cause: error });
    }
    return new RedisError("reply", `Redis refused the command: ${reply}`, { cause: error });
  }
  const failure = error as NodeJS.ErrnoException;
  const code = typeof failure?.code === "string" ? failure.code : "";
  if (code === "ETIMEDOUT" || failure?.message === "Command timed out") {
    return new RedisError("timeout", `Redis at ${endpoint} did not answer within ${timeoutMs} ms`, { cause: error });
  }
  if (UNREACHABLE.has(code)) return new RedisError("refused", `Could not reach Redis at ${endpoint}: ${code}`, { cause: error });
  if (code.startsWith("ERR_TLS") || /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code) || code === "ERR_SSL_WRONG_VERSION_NUMBER") {
    return new RedisError("refused", `TLS with Redis at ${endpoint} failed: ${code} ${failure.message}`, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new RedisError("closed", `Redis at ${endpoint} failed: ${message}`, { cause: error });
}
