import { AppError, toAppError } from "@/lib/errors";

/**
 * The one way API routes answer an error: `{ error: CODE, message, ...details }` with the code's
 * HTTP status from lib/errors. Anything but an AppError is logged and answered as INTERNAL,
 * with a message that leaks nothing of what went wrong inside.
 */
export function jsonError(error: unknown): Response {
  const known: AppError = toAppError(error, "API route failed");
  return Response.json({ error: known.code, message: known.message, ...known.details }, { status: known.status });
}
