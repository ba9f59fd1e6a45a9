import "server-only";
import { db } from "@/lib/db";
import { toScrapeRecord, type ScrapeOutcome } from "@/lib/collector/scrape-record";
import { writeScrapeRecords } from "@/lib/collector/write-scrape-records";
import { writeOperationMetrics } from "@/lib/metrics/write-operation-metrics";

const SNAPSHOT_KINDS = ["memory", "top", "agents", "lifecycle", "websocket", "operations"] as const;

/**
 * Stores what one scrape found: operations and snapshots when a runbook API answered, then its
 * samples, the limit it reports and its scrape row (the part the collector buffers while the
 * database is down; see create-collector.ts).
 */
export async function recordScrape(options: ScrapeOutcome): Promise<{ samples: number }> {
  const { targetId, startedAt, result } = options;
  if (result.ok && result.source === "runbook-api") {
    await writeOperationMetrics({ targetId, operations: result.documents.operations?.operations ?? [], seenAt: startedAt });
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
