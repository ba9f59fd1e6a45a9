import { maskUrlPassword } from "@/lib/mask-url-password";

/** How a field is written to the audit trail instead of its value (a webhook URL keeps only its host). */
export type Redactions = Record<string, (value: string) => string>;

const NOT_RECORDED = "(not recorded)";
// Field names whose value is a secret whatever the action: never recorded, only that one was sent.
const SECRET_FIELDS = new Set(["password", "token", "secret"]);
const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\/\S*$/i;

/**
 * What of a submitted input an audit row keeps: every field but Next's own, with secrets
 * replaced and the password of any URL masked. An input that is not an object is kept as it came.
 */
export function recordedParameters(raw: unknown, redact: Redactions = {}): unknown {
  if (typeof raw === "string") return recordedValue("", raw, redact);
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return raw;
  return Object.fromEntries(
    Object.entries(raw)
      .filter(([key]) => !key.startsWith("$ACTION"))
      .map(([key, value]) => [key, recordedValue(key, value, redact)]),
  );
}

function recordedValue(key: string, value: unknown, redact: Redactions): unknown {
  if (SECRET_FIELDS.has(key)) return NOT_RECORDED;
  if (typeof value !== "string") return value;
  if (redact[key]) return value === "" ? "" : redact[key](value);
  return URL_LIKE.test(value.trim()) ? maskUrlPassword(value.trim()) : value;
}
