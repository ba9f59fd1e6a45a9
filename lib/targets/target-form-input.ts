import { z } from "zod";
import { checkKindRules, targetFields, toDefinition } from "@/lib/targets/target-definition";

// The "Add service" and settings forms post the provisioning file's field names as text;
// this turns them into what the file's schema reads, so both get the same rules and messages.

const MATCHER = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"?([^"]*)"?\s*$/;

/** `container=api, env="prod"` as a label set; anything else is left as text for zod to refuse. */
function labelMatchers(text: string): Record<string, string> | string {
  const pairs = text.split(/[,\n]/).filter((part) => part.trim() !== "");
  const parsed = pairs.map((pair) => MATCHER.exec(pair));
  return parsed.every(Boolean) ? Object.fromEntries(parsed.map((m) => [m![1], m![2]])) : text;
}

const wholeNumber = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text) : text);

const CHECKBOXES = new Set(["enabled", "clear_diagnostics_database_url"]);
const ticked = (value: unknown) => value === "on" || value === "true" || value === true;

export function fieldsFromForm(raw: unknown): unknown {
  if (!raw || typeof raw !== "object") return raw;
  const form = raw as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(form)) {
    if (typeof value !== "string" || value.trim() === "" || CHECKBOXES.has(key)) continue;
    if (key === "memory_limit_mb" || key === "scrape_interval_seconds") out[key] = wholeNumber(value);
    else if (key === "match_labels") out[key] = labelMatchers(value);
    else out[key] = value.trim();
  }
  // Checkboxes are absent when unticked; the "forget" box exists only on the settings page.
  out.enabled = ticked(form.enabled);
  if ("clear_diagnostics_database_url" in form) out.clear_diagnostics_database_url = ticked(form.clear_diagnostics_database_url);
  return out;
}

/** "Add service": the file's fields, posted by the form. */
export const newTargetFormSchema = z.preprocess(fieldsFromForm, z.strictObject(targetFields).superRefine(checkKindRules).transform(toDefinition));

const diagnosticsDatabaseUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\/\S+$/, "must be a postgresql:// URL (a read-only role is enough)")
  .optional();

/**
 * The settings page's collection form: the same fields, plus the diagnostics database. An empty
 * URL keeps the stored one (it is never shown back with its password, as the Redis URL).
 */
export const editTargetFormSchema = z.preprocess(
  fieldsFromForm,
  z
    .strictObject({ ...targetFields, diagnostics_database_url: diagnosticsDatabaseUrl, clear_diagnostics_database_url: z.boolean().default(false) })
    .superRefine(checkKindRules)
    .transform((fields) => ({
      slug: fields.slug,
      definition: toDefinition(fields),
      diagnosticsDatabaseUrl: fields.diagnostics_database_url,
      clearDiagnosticsDatabaseUrl: fields.clear_diagnostics_database_url,
    })),
);
