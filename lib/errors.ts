import type { RefusalOutcome } from "@/lib/audit/audit-event";

/**
 * The one table of error codes: the HTTP status an API route answers with, and the outcome an
 * audit row records when the code refuses an attempt. Every place that maps a code reads it here.
 */
export const APP_ERROR_CODES = {
  UNAUTHENTICATED: { status: 401, outcome: "unauthenticated" },
  FORBIDDEN: { status: 403, outcome: "denied" },
  NOT_FOUND: { status: 404, outcome: "not_found" },
  INVALID_INPUT: { status: 400, outcome: "invalid" },
  CONFLICT: { status: 409, outcome: "conflict" },
  /** An approval asked for after its request expired. */
  EXPIRED: { status: 410, outcome: "expired" },
  PAYLOAD_TOO_LARGE: { status: 413, outcome: "invalid" },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, outcome: "invalid" },
  /** Too many failed attempts from one address or for one account: try again after Retry-After. */
  RATE_LIMITED: { status: 429, outcome: "denied" },
  UPSTREAM_FAILED: { status: 502, outcome: "error" },
  /** The console could not do or record the attempt right now (e.g. the audit trail did not answer). */
  UNAVAILABLE: { status: 503, outcome: "error" },
  /** Anything unexpected: logged on the server, answered without internals. */
  INTERNAL: { status: 500, outcome: "error" },
} as const satisfies Record<string, { status: number; outcome: RefusalOutcome }>;

export type AppErrorCode = keyof typeof APP_ERROR_CODES;

/** What an unexpected error is answered with; the detail goes to the log only. */
export const INTERNAL_MESSAGE = "Something went wrong on the server (it is logged).";

export function isAppErrorCode(code: string): code is AppErrorCode {
  return Object.hasOwn(APP_ERROR_CODES, code);
}

/** The one error type domain code throws; its message is safe to show to the user. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** Extra fields for the answer (field errors, invalid samples, the action): never internals. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return APP_ERROR_CODES[this.code].status;
  }

  get outcome(): RefusalOutcome {
    return APP_ERROR_CODES[this.code].outcome;
  }
}

/**
 * Any thrown value as an AppError: an AppError stays itself; anything else is logged with its
 * detail (under `context`) and becomes INTERNAL with a message that names nothing inside.
 */
export function toAppError(error: unknown, context: string): AppError {
  if (error instanceof AppError) return error;
  console.error(`${context}: ${describeError(error)}`, error);
  return new AppError("INTERNAL", INTERNAL_MESSAGE);
}

/** One readable line from any thrown value; Prisma puts the useful part on its last line. */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message.split("\n").map((line) => line.trim()).filter(Boolean);
  const last = lines.at(-1) ?? (error instanceof Error ? error.name : "unknown error");
  const prismaMessage = /Message: `(.*)`$/.exec(last);
  return prismaMessage ? prismaMessage[1] : last;
}
