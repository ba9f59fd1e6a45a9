import { z } from "zod";

// A target as people define it, in the provisioning file's words (snake_case): the console's
// "Add service" form posts the same fields, so one schema and one set of messages serve both
// (docs/decisions/0016-target-kinds-and-presets.md).

export const TARGET_KINDS = ["runbook-api", "prometheus", "push"] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];
export const PRESETS = ["process", "node-exporter", "cadvisor"] as const;
export type Preset = (typeof PRESETS)[number];

const metricName = z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, "must be a Prometheus metric name such as process_resident_memory_bytes");
const labelName = z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, "label names are [a-zA-Z_][a-zA-Z0-9_]*");

/** How memory figures are read from Prometheus series: a preset, or explicit names; both filtered by exact label values. */
export const memoryMappingSchema = z.object({
  preset: z.enum(PRESETS).nullable(),
  usedMetric: metricName.nullable(),
  limitMetric: metricName.nullable(),
  matchLabels: z.record(labelName, z.string()),
});
export type MemoryMapping = z.infer<typeof memoryMappingSchema>;

/** "is required" for a missing field, `otherwise` for a value of the wrong type. */
const required = (otherwise: string) => ({ error: (issue: { input?: unknown }) => (issue.input === undefined ? "is required" : otherwise) });
const labelValue = z.union([z.string(), z.number(), z.boolean()]).transform(String);

export const targetFields = {
  slug: z.string(required("must be text")).regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "must be lower-case letters, digits and dashes (up to 63), such as my-api"),
  name: z.string(required("must be text")).trim().min(1, "a name is required").max(100, "at most 100 characters"),
  kind: z.enum(TARGET_KINDS, required("must be runbook-api, prometheus or push")),
  url: z
    .url({ error: "must be an http(s) URL such as http://10.0.0.5:9100/metrics" })
    .refine((u) => /^https?:\/\//.test(u), "must be an http(s) URL")
    .optional(),
  preset: z.enum(PRESETS, { error: "must be process, node-exporter or cadvisor" }).optional(),
  used_metric: metricName.optional(),
  limit_metric: metricName.optional(),
  match_labels: z.record(labelName, labelValue, { error: 'must be label matchers such as {container: "api"}' }).optional(),
  memory_limit_mb: z.int("must be a whole number of MB").min(64, "at least 64 MB").max(4_194_304, "at most 4 TiB").optional(),
  scrape_interval_seconds: z.int("must be a whole number of seconds").min(5, "at least 5 s").max(3600, "at most 1 h").default(15),
  enabled: z.boolean().default(true),
};

type Fields = z.output<z.ZodObject<typeof targetFields>>;

export type TargetDefinition = {
  slug: string;
  name: string;
  kind: TargetKind;
  /** The runbook API's base URL, or the exposition endpoint itself; '' for push targets. */
  baseUrl: string;
  mapping: MemoryMapping | null;
  /** Null: none given, the source reports it. */
  configuredMemoryLimitMb: number | null;
  scrapeIntervalSeconds: number;
  enabled: boolean;
};

/** Whether figures read this way include the memory limit (so memory_limit_mb may be left out). */
export function reportsLimit(kind: TargetKind, mapping: Pick<MemoryMapping, "preset" | "limitMetric"> | null): boolean {
  if (kind === "runbook-api") return true;
  return mapping?.preset === "node-exporter" || mapping?.preset === "cadvisor" || Boolean(mapping?.limitMetric);
}

const MAPPING_FIELDS = ["preset", "used_metric", "limit_metric", "match_labels"] as const;

/** The rules between fields; each issue names the field to fix. */
export function checkKindRules(f: Fields, ctx: z.RefinementCtx): void {
  const issue = (field: string, message: string) => ctx.addIssue({ code: "custom", path: [field], message });
  if (f.kind === "push" && f.url) issue("url", "push targets are not scraped: leave url out");
  if (f.kind !== "push" && !f.url) {
    issue("url", f.kind === "prometheus" ? "is required: the exposition endpoint itself, such as http://10.0.0.5:9100/metrics" : "is required: the runbook API's base URL, such as http://10.0.0.5:8000");
  }
  if (f.kind === "runbook-api") {
    for (const field of MAPPING_FIELDS) if (f[field] !== undefined) issue(field, "is only for prometheus and push targets (the runbook API reports its own figures)");
    return;
  }
  if (f.preset && f.used_metric) issue("used_metric", "use a preset or used_metric, not both");
  if (f.kind === "prometheus" && !f.preset && !f.used_metric) issue("preset", "a prometheus target needs a preset (process, node-exporter, cadvisor) or used_metric");
  if (f.limit_metric && !f.used_metric) issue("limit_metric", "goes with used_metric (presets know where their limit is)");
  const mapping = { preset: f.preset ?? null, limitMetric: f.limit_metric ?? null };
  if (f.memory_limit_mb === undefined && !reportsLimit(f.kind, f.used_metric || f.preset ? mapping : null)) {
    issue("memory_limit_mb", f.preset === "process" ? "is required: the process preset reports no limit" : "is required: nothing here reports a limit (add limit_metric or set one)");
  }
}

export function toDefinition(f: Fields): TargetDefinition {
  const mapped = f.kind !== "runbook-api" && (f.preset !== undefined || f.used_metric !== undefined);
  return {
    slug: f.slug,
    name: f.name,
    kind: f.kind,
    baseUrl: f.kind === "push" ? "" : (f.url ?? "").replace(/\/+$/, ""),
    mapping: mapped
      ? { preset: f.preset ?? null, usedMetric: f.used_metric ?? null, limitMetric: f.limit_metric ?? null, matchLabels: f.match_labels ?? {} }
      : null,
    configuredMemoryLimitMb: f.memory_limit_mb ?? null,
    scrapeIntervalSeconds: f.scrape_interval_seconds,
    enabled: f.enabled,
  };
}

/** One entry of the provisioning file (unknown keys are refused, so a typo never passes silently). */
export const targetEntrySchema = z.strictObject(targetFields).superRefine(checkKindRules).transform(toDefinition);

/** The mapping stored on a target row, or null when the runbook API (or the ingest API's own naming) applies. */
export function mappingOfRow(row: { kind: string; preset: string | null; usedMetric: string | null; limitMetric: string | null; matchLabels: unknown }): MemoryMapping | null {
  if (row.kind === "runbook-api" || (!row.preset && !row.usedMetric)) return null;
  const parsed = memoryMappingSchema.safeParse({ preset: row.preset, usedMetric: row.usedMetric, limitMetric: row.limitMetric, matchLabels: row.matchLabels ?? {} });
  return parsed.success ? parsed.data : null;
}
