import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { AppError, describeError } from "@/lib/errors";

/** What a server action returns to its form: a message safe to show, never a stack. */
export type ActionResult = { ok: true; message: string } | { ok: false; code: string; message: string };

/** Parses a form with its schema; a bad field is an INVALID_INPUT naming the field. */
export function parseForm<S extends z.ZodType>(schema: S, formData: FormData): z.output<S> {
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const message = parsed.error.issues.map((i) => `${i.path.join(".") || "form"}: ${i.message}`).join("; ");
    throw new AppError("INVALID_INPUT", message);
  }
  return parsed.data;
}

/**
 * Runs an action body (parse → requireUser → requirePermission → one lib call → revalidate)
 * and turns what it throws into an ActionResult: an AppError's own message, anything else
 * logged and reported without internals.
 */
export async function runAction(body: () => Promise<string>): Promise<ActionResult> {
  try {
    return { ok: true, message: await body() };
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof AppError) return { ok: false, code: error.code, message: error.message };
    console.error(`server action failed: ${describeError(error)}`, error);
    return { ok: false, code: "INTERNAL", message: "Something went wrong on the server (it is logged there). Reload to see what was saved." };
  }
}
