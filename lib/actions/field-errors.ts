import type { z } from "zod";

/** Zod issues as one message per field (the first one), for forms and the remediation dialog. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "input";
    out[key] ??= issue.message;
  }
  return out;
}

/** The field errors as one line; a message that already starts with its field's name is not prefixed again. */
export function describeFieldErrors(errors: Record<string, string>): string {
  return Object.entries(errors)
    .map(([field, message]) => (message.startsWith(field.split(".").at(-1) ?? field) ? message : `${field}: ${message}`))
    .join("; ");
}
