export type AppErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "INVALID_INPUT"
  | "CONFLICT"
  | "UPSTREAM_FAILED"
  | "UNAVAILABLE";

const HTTP_STATUS: Record<AppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_INPUT: 400,
  CONFLICT: 409,
  UPSTREAM_FAILED: 502,
  UNAVAILABLE: 503,
};

/** The one error type domain code throws; its message is safe to show to the user. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return HTTP_STATUS[this.code];
  }
}

/** One readable line from any thrown value; Prisma puts the useful part on its last line. */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message.split("\n").map((line) => line.trim()).filter(Boolean);
  const last = lines.at(-1) ?? (error instanceof Error ? error.name : "unknown error");
  const prismaMessage = /Message: `(.*)`$/.exec(last);
  return prismaMessage ? prismaMessage[1] : last;
}
