import { AppError, toAppError } from "@/lib/errors";

/** A JSON answer as plain data, for code that writes it to a socket itself (supervisor/web-server.ts). */
export type JsonAnswer = { status: number; headers: Record<string, string>; body: string };

export const jsonAnswer = (status: number, body: string, headers: Record<string, string> = {}): JsonAnswer => ({
  status,
  headers: { "content-type": "application/json", ...headers },
  body,
});

export const toResponse = (answer: JsonAnswer): Response => new Response(answer.body, { status: answer.status, headers: answer.headers });

/**
 * The one way API routes answer an error: `{ error: CODE, message, ...details }` with the code's
 * HTTP status from lib/errors. Anything but an AppError is logged and answered as INTERNAL,
 * with a message that leaks nothing of what went wrong inside.
 */
export function errorAnswer(error: unknown): JsonAnswer {
  const known: AppError = toAppError(error, "API route failed");
  return jsonAnswer(known.status, JSON.stringify({ error: known.code, message: known.message, ...known.details }));
}

/** errorAnswer as a Response, for route handlers. */
export function jsonError(error: unknown): Response {
  return toResponse(errorAnswer(error));
}
