import "server-only";
import { db } from "@/lib/db";
import { toScrapeRecord, type ScrapeOutcome } from "@/lib/collector/scrape-record";
import { writeScrapeRecords } from "@/lib/collector/write-scrape-records";

const SNAPSHOT_KINDS = ["memory", "top", "agents", "lifecycle", "websocket", "operations"] as const;

/**
 * Stores what one scrape found: operations and snapshots when up, then its samples and scrape
 * row (the part the collector buffers while the database is down; see create-collector.ts).
 */
export async function recordScrape(options: ScrapeOutcome): Promise<{ samples: number }> {
  const { targetId, startedAt, result } = options;
  if (result.ok) {
    const operations = result.documents.operations?.operations ?? [];
    if (operations.length > 0) {
      await db.$executeRaw`
        INSERT INTO operation_metrics (target_id, operation_id, operation_type, status, duration_s, memory_delta_mb, "timestamp")
        SELECT ${targetId}, * FROM unnest(
          ${operations.map((o) => o.id)}::text[], ${operations.map((o) => o.operation_type)}::text[],
          ${operations.map((o) => o.status)}::text[], ${operations.map((o) => o.duration_s)}::float8[],
          ${operations.map((o) => o.memory_delta_mb)}::float8[],
          ${operations.map((o) => o.finished_at ?? startedAt.toISOString())}::timestamptz[])
        ON CONFLICT (target_id, operation_id) DO UPDATE SET
          status = EXCLUDED.status, duration_s = EXCLUDED.duration_s,
          memory_delta_mb = EXCLUDED.memory_delta_mb, "timestamp" = EXCLUDED."timestamp"`;
    }
    const kinds = SNAPSHOT_KINDS.filter((kind) => result.documents[kind] !== undefined);
    if (kinds.length > 0) {
      await db.$executeRaw`
        INSERT INTO target_snapshots (target_id, kind, captured_at, payload)
        SELECT ${targetId}, kind, ${startedAt}, payload FROM unnest(${kinds}::text[], ${kinds.map((k) => JSON.stringify(result.documents[k]))}::jsonb[]) AS s(kind, payload)
        ON CONFLICT (target_id, kind) DO UPDATE SET captured_at = EXCLUDED.captured_at, payload = EXCLUDED.payload`;
    }
  }
  return { samples: await writeScrapeRecords({ records: [toScrapeRecord(options)] }) };
}
