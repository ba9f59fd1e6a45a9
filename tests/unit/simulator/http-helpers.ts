import { createConnection } from "node:net";
import { expect } from "vitest";
import { TargetApiError, type TargetApiErrorKind } from "@/lib/target-api/client";

/** Calls a simulator control endpoint the way a test or the demo supervisor would. */
export async function control(baseUrl: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(baseUrl + path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

export async function expectTargetError(promise: Promise<unknown>, kind: TargetApiErrorKind, message?: string | RegExp): Promise<TargetApiError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TargetApiError);
  expect((error as TargetApiError).kind).toBe(kind);
  if (message) expect((error as TargetApiError).message).toMatch(message);
  return error as TargetApiError;
}

/** Opens a bare TCP connection: "refused" here means nothing is listening, not an HTTP-level error. */
export function tcpConnect(port: number): Promise<"connected" | string> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

export async function waitFor<T>(probe: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
