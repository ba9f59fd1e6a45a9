import "server-only";
import { db } from "@/lib/db";
import type { ScrapeRecord } from "@/lib/collector/scrape-record";
import { writeSamples } from "@/lib/metrics/write-samples";
import { headroomMetrics } from "@/lib/self-metrics/headroom-metrics";

/**
 * Stores scrape records, live or written late from the outage buffer, and returns how many
 * samples were new. Idempotent: samples and scrape rows already stored are skipped, and a
 * target's "last scrape" only moves forward, so writing a record twice or out of order is safe.
 */
export async function writeScrapeRecords(options: { records: ScrapeRecord[] }): Promise<number> {
  const { records } = options;
  if (records.length === 0) return 0;
  const written = await writeSamples({ samples: records.flatMap((r) => r.samples) });
  const column = <T>(pick: (r: ScrapeRecord) => T) => records.map(pick);
  const scrapes = {
    targetIds: column((r) => r.targetId),
    startedAt: column((r) => r.startedAt.toISOString()),
    ok: column((r) => r.ok),
    durationMs: column((r) => Math.round(r.durationMs)),
    errors: column((r) => r.error),
    workerIds: column((r) => r.workerId),
    // memory_limit_mb is a positive whole number of MB: a figure under 1 MB is taken as no limit reported.
    limits: column((r) => (r.reportedLimitMb !== null && r.reportedLimitMb >= 1 ? Math.round(r.reportedLimitMb) : null)),
  };
  const insertScrapes = db.$executeRaw`
    INSERT INTO target_scrapes (target_id, started_at, ok, duration_ms, error, worker_id)
    SELECT u.* FROM unnest(${scrapes.targetIds}::int[], ${scrapes.startedAt}::timestamptz[], ${scrapes.ok}::bool[],
      ${scrapes.durationMs}::int[], ${scrapes.errors}::text[], ${scrapes.workerIds}::text[])
      AS u(target_id, started_at, ok, duration_ms, error, worker_id)
    -- A target deleted during an outage takes its late records with it.
    WHERE EXISTS (SELECT 1 FROM targets t WHERE t.id = u.target_id)
    ON CONFLICT DO NOTHING`;
  const updateTargets = db.$executeRaw`
    UPDATE targets t SET
      last_scrape_at = s.started_at, last_scrape_ok = s.ok, last_scrape_error = s.error,
      last_sample_at = CASE WHEN s.ok THEN GREATEST(COALESCE(t.last_sample_at, s.started_at), s.started_at) ELSE t.last_sample_at END,
      -- A limit the service reports is the limit (docs/decisions/0016-target-kinds-and-presets.md).
      memory_limit_mb = COALESCE(s.limit_mb, t.memory_limit_mb),
      memory_limit_source = CASE WHEN s.limit_mb IS NULL THEN t.memory_limit_source ELSE 'reported' END
    FROM (
      SELECT DISTINCT ON (target_id) * FROM unnest(${scrapes.targetIds}::int[], ${scrapes.startedAt}::timestamptz[],
        ${scrapes.ok}::bool[], ${scrapes.errors}::text[], ${scrapes.limits}::int[]) AS u(target_id, started_at, ok, error, limit_mb)
      ORDER BY target_id, started_at DESC
    ) s
    WHERE t.id = s.target_id AND (t.last_scrape_at IS NULL OR t.last_scrape_at <= s.started_at)`;
  await db.$transaction([insertScrapes, updateTargets]);
  headroomMetrics().samplesWritten.inc({ source: "scrape" }, written);
  return written;
}
