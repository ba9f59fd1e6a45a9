import "server-only";
import { db } from "@/lib/db";
import { refreshRollups } from "@/lib/metrics/refresh-rollups";
import { writeSamples } from "@/lib/metrics/write-samples";
import type { ParsedSample } from "@/lib/ingest/parse-ingest-body";
import { headroomMetrics } from "@/lib/self-metrics/headroom-metrics";

const DAY_MS = 86_400_000;
// Raw samples older than this would land in a partition retention is about to drop.
export const MAX_SAMPLE_AGE_MS = 13 * DAY_MS;
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export type IngestOutcome =
  | { ok: true; accepted: number; stored: number; duplicates: number; ignored: number }
  | { ok: false; code: "INVALID_INPUT"; message: string; invalidSamples: { index: number; errors: string[] }[] };

/** Stores a validated batch for one target, all or nothing, and brings its rollups up to date. */
export async function ingestSamples(options: {
  targetId: number;
  samples: ParsedSample[];
  ignored: number;
  now: Date;
  /** What Headroom's own samples-written counter files them under. */
  source?: "ingest" | "remote_write";
}): Promise<IngestOutcome> {
  const now = options.now.getTime();
  const outOfRange = options.samples
    .map((s, index) => ({ index, t: s.timestamp.getTime() }))
    .filter(({ t }) => t < now - MAX_SAMPLE_AGE_MS || t > now + MAX_CLOCK_SKEW_MS);
  if (outOfRange.length > 0) {
    return {
      ok: false,
      code: "INVALID_INPUT",
      message: `${outOfRange.length} samples are outside the accepted window (13 days ago to 5 minutes ahead); nothing was stored.`,
      invalidSamples: outOfRange.slice(0, 100).map(({ index }) => ({ index, errors: ["timestamp: outside the accepted window"] })),
    };
  }
  const samples = options.samples.map((s) => ({ ...s, targetId: options.targetId }));
  const stored = await db.$transaction(async (tx) => {
    const inserted = await writeSamples({ samples, db: tx });
    if (samples.length > 0) {
      const times = samples.map((s) => s.timestamp.getTime());
      const from = new Date(Math.min(...times));
      const to = new Date(Math.max(...times) + 1);
      await refreshRollups({ from, to, targetId: options.targetId, db: tx });
      await tx.$executeRaw`UPDATE targets SET last_sample_at = GREATEST(COALESCE(last_sample_at, ${to}), ${to}) WHERE id = ${options.targetId}`;
    }
    return inserted;
  });
  headroomMetrics().samplesWritten.inc({ source: options.source ?? "ingest" }, stored);
  return { ok: true, accepted: samples.length, stored, duplicates: samples.length - stored, ignored: options.ignored };
}
