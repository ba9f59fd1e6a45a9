import "server-only";
import { db } from "@/lib/db";
import { samplesFromScrape } from "@/lib/collector/samples-from-scrape";
import type { ScrapeResult } from "@/lib/collector/scrape-target";
import { writeSamples } from "@/lib/metrics/write-samples";

const SNAPSHOT_KINDS = ["memory", "top", "agents", "lifecycle", "websocket", "operations"] as const;

export type FinishedScrape = { targetId: number; startedAt: Date; durationMs: number; result: ScrapeResult };

function errorOf(result: ScrapeResult): string | null {
  if (!result.ok) return result.error;
  return result.partialErrors.length ? `partial: ${result.partialErrors.join("; ")}` : null;
}

/** The newest entry per key: one statement may not upsert the same row twice. */
function newestBy<T>(items: T[], key: (item: T) => string, at: (item: T) => number): T[] {
  const newest = new Map<string, T>();
  for (const item of items) {
    const seen = newest.get(key(item));
    if (!seen || at(item) >= at(seen)) newest.set(key(item), item);
  }
  return [...newest.values()];
}

/**
 * Stores what a batch of scrapes found, across targets, in a handful of statements whatever the
 * batch size: samples, operations and snapshots of those that answered, then every attempt
 * (up or down) and each target's collection state. One statement per kind rather than per
 * scrape is what lets one worker keep up with a large fleet.
 */
export async function recordScrapes(options: { scrapes: FinishedScrape[]; workerId: string }): Promise<{ samples: number }> {
  const up = options.scrapes.filter((s): s is FinishedScrape & { result: Extract<ScrapeResult, { ok: true }> } => s.result.ok);
  const samples = up.flatMap((s) => samplesFromScrape({ targetId: s.targetId, at: s.startedAt, documents: s.result.documents }));
  const written = await writeSamples({ samples });

  const operations = newestBy(
    up.flatMap((s) => (s.result.documents.operations?.operations ?? []).map((o) => ({ targetId: s.targetId, at: s.startedAt, o }))),
    (x) => `${x.targetId}/${x.o.id}`,
    (x) => x.at.getTime(),
  );
  if (operations.length > 0) {
    await db.$executeRaw`
      INSERT INTO operation_metrics (target_id, operation_id, operation_type, status, duration_s, memory_delta_mb, "timestamp")
      SELECT * FROM unnest(
        ${operations.map((x) => x.targetId)}::int[], ${operations.map((x) => x.o.id)}::text[],
        ${operations.map((x) => x.o.operation_type)}::text[], ${operations.map((x) => x.o.status)}::text[],
        ${operations.map((x) => x.o.duration_s)}::float8[], ${operations.map((x) => x.o.memory_delta_mb)}::float8[],
        ${operations.map((x) => x.o.finished_at ?? x.at.toISOString())}::timestamptz[])
      ON CONFLICT (target_id, operation_id) DO UPDATE SET
        status = EXCLUDED.status, duration_s = EXCLUDED.duration_s,
        memory_delta_mb = EXCLUDED.memory_delta_mb, "timestamp" = EXCLUDED."timestamp"`;
  }

  const snapshots = newestBy(
    up.flatMap((s) => SNAPSHOT_KINDS.filter((kind) => s.result.documents[kind] !== undefined).map((kind) => ({ targetId: s.targetId, at: s.startedAt, kind, payload: JSON.stringify(s.result.documents[kind]) }))),
    (x) => `${x.targetId}/${x.kind}`,
    (x) => x.at.getTime(),
  );
  if (snapshots.length > 0) {
    await db.$executeRaw`
      INSERT INTO target_snapshots (target_id, kind, captured_at, payload)
      SELECT * FROM unnest(${snapshots.map((x) => x.targetId)}::int[], ${snapshots.map((x) => x.kind)}::text[],
        ${snapshots.map((x) => x.at.toISOString())}::timestamptz[], ${snapshots.map((x) => x.payload)}::jsonb[])
      ON CONFLICT (target_id, kind) DO UPDATE SET captured_at = EXCLUDED.captured_at, payload = EXCLUDED.payload`;
  }

  const all = options.scrapes;
  const latest = newestBy(all, (s) => String(s.targetId), (s) => s.startedAt.getTime());
  await db.$transaction([
    db.$executeRaw`
      INSERT INTO target_scrapes (target_id, started_at, ok, duration_ms, error, worker_id)
      SELECT *, ${options.workerId} FROM unnest(${all.map((s) => s.targetId)}::int[], ${all.map((s) => s.startedAt.toISOString())}::timestamptz[],
        ${all.map((s) => s.result.ok)}::boolean[], ${all.map((s) => Math.round(s.durationMs))}::int[], ${all.map((s) => errorOf(s.result))}::text[])`,
    db.$executeRaw`
      UPDATE targets t SET last_scrape_at = u.started_at, last_scrape_ok = u.ok, last_scrape_error = u.error,
        last_sample_at = CASE WHEN u.ok THEN u.started_at ELSE t.last_sample_at END
      FROM unnest(${latest.map((s) => s.targetId)}::int[], ${latest.map((s) => s.startedAt.toISOString())}::timestamptz[],
        ${latest.map((s) => s.result.ok)}::boolean[], ${latest.map((s) => errorOf(s.result))}::text[]) AS u(id, started_at, ok, error)
      WHERE t.id = u.id`,
  ]);
  return { samples: written };
}
