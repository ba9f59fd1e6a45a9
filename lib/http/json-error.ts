import { AppError, describeError } from "@/lib/errors";

/** The one shape API routes answer errors in: `{ error: CODE, message, ...details }`. */
export function jsonError(status: number, error: string, message: string, details?: Record<string, unknown>): Response {
  return Response.json({ error, message, ...details }, { status });
}

export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) return jsonError(error.status, error.code, error.message);
  console.error(error);
  return jsonError(500, "INTERNAL", `Unexpected error: ${describeError(error)}`);
}
