import { z } from "zod";

/** A monitored target as an admin enters it; the same rules the database's checks enforce. */
export const targetInputSchema = z.object({
  name: z.string().trim().min(1, "a name is required").max(100),
  baseUrl: z
    .url({ error: "must be an http(s) URL such as http://10.0.0.5:8000" })
    .refine((u) => /^https?:\/\//.test(u), "must be an http(s) URL")
    .transform((u) => u.replace(/\/+$/, "")),
  memoryLimitMb: z.coerce.number().int("a whole number of MB").min(64, "at least 64 MB").max(4_194_304),
  scrapeIntervalSeconds: z.coerce.number().int().min(5, "at least 5 s").max(3600, "at most 1 h"),
  enabled: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  /** Empty keeps the stored URL: it is never shown back with its password (as the Redis URL). */
  diagnosticsDatabaseUrl: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.string().regex(/^postgres(ql)?:\/\/\S+$/, "must be a postgresql:// URL (a read-only role is enough)").optional(),
  ),
  clearDiagnosticsDatabaseUrl: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()).default(false),
});

export type TargetInput = z.output<typeof targetInputSchema>;
