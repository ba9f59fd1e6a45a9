import { z } from "zod";
import { formatLabels } from "@/lib/metrics/sample";

/** The latest instant every layer (JS dates, ISO text, PostgreSQL) represents alike. */
export const MAX_TIMESTAMP_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
export const MAX_LABELS = 32;
export const MAX_LABEL_VALUE = 200;
/** The formatted label set is part of the metrics primary key: far below PostgreSQL's ~2.7 kB index row limit. */
export const MAX_LABELS_BYTES = 1024;

/**
 * One pushed sample, whichever format it came in (the JSON batch or Prometheus text, after its
 * name and bytes are mapped): the same bounds on names, labels, time and value for both, so the
 * two paths accept exactly the same samples. The time window (13 days back to 5 minutes ahead)
 * is checked afterwards, against the clock, for both alike.
 */
export const sampleSchema = z.strictObject({
  metric: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_.:]{0,199}$/, "must be a metric name like system.memory.used (at most 200 characters)"),
  labels: z
    .record(
      z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]{0,99}$/, "label names are [a-zA-Z_][a-zA-Z0-9_]* (at most 100 characters)"),
      z.string().max(MAX_LABEL_VALUE, `label values are at most ${MAX_LABEL_VALUE} characters`),
    )
    .refine((labels) => Object.keys(labels).length <= MAX_LABELS, `at most ${MAX_LABELS} labels`)
    .refine((labels) => Buffer.byteLength(formatLabels(labels)) <= MAX_LABELS_BYTES, `the labels together are at most ${MAX_LABELS_BYTES} bytes`)
    .default({}),
  timestamp: z
    .number()
    .int("must be whole epoch milliseconds")
    .min(0, "must be epoch milliseconds after 1970")
    .max(MAX_TIMESTAMP_MS, "must be epoch milliseconds before the year 10000"),
  value: z.number().finite("must be a finite number").nonnegative("memory in MB cannot be negative"),
});

export type Sample = z.output<typeof sampleSchema>;

/** The JSON batch's wire form of a sample: the time as ISO 8601 or epoch milliseconds. */
export const jsonSampleSchema = z
  .strictObject({
    metric: z.unknown(),
    labels: z.unknown().optional(),
    timestamp: z.union([z.iso.datetime({ offset: true }).transform((iso) => Date.parse(iso)), z.number()], "must be an ISO 8601 time or epoch milliseconds"),
    value: z.unknown(),
  })
  .pipe(sampleSchema);

/** A sample's problems, each naming its field. */
export function describeSampleIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join(".") || "sample"}: ${issue.message}`);
}
