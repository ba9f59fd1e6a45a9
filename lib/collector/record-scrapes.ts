import "server-only";
import { db } from "@/lib/db";
import { toScrapeRecord, type ScrapeOutcome } from "@/lib/collector/scrape-record";
import type { ScrapeResult } from "@/lib/collector/scrape-target";
import { writeScrapeRecords } from "@/lib/collector/write-scrape-records";
import { writeOperationMetrics } from "@/lib/metrics/write-operation-metrics";

const SNAPSHOT_KINDS = ["memory", "top", "agents", "lifecycle", "websocket", "operations"] as const;

type UpScrape = ScrapeOutcome & { result: Extract<ScrapeResult, { source: "runbook-api" }> };

/** Each target's newest snapshot of each kind: one statement may not upsert the same row twice. */
function newestSnapshots(up: UpScrape[]) {
  const newest = new Map<string, { targetId: number; at: Date; kind: string; payload: string }>();
  for (const s of up) {
    for (const kind of SNAPSHOT_KINDS) {
      const document = s.result.documents[kind];
      const key = `${s.targetId}/${kind}`;
      if (document === undefined || (newest.get(key)?.at.getTime() ?? -Infinity) > s.startedAt.getTime()) continue;
      newest.set(key, { targetId: s.targetId, at: s.startedAt, kind, payload: JSON.stringify(document) });
    }
  }
  return [...newest.values()];
}

/**
 * Stores what a batch of scrapes found, across targets, in a handful of statements whatever the
 * batch size: operations and snapshots of runbook APIs that answered, then every attempt's samples
 * and scrape row (the part the collector buffers while the database is down; see
 * create-collector.ts). One statement per kind rather than per scrape is what lets one worker
 * keep up with a large fleet.
 */
export async function recordScrapes(options: { scrapes: ScrapeOutcome[] }): Promise<{ samples: number }> {
  // Only the runbook API has operations and investigation documents; an exposition has figures.
  const up = options.scrapes.filter((s): s is UpScrape => s.result.ok && s.result.source === "runbook-api");
  await writeOperationMetrics({
    seen: up.flatMap((s) => (s.result.documents.operations?.operations ?? []).map((operation) => ({ targetId: s.targetId, operation, seenAt: s.startedAt }))),
  });
  const snapshots = newestSnapshots(up);
  if (snapshots.length > 0) {
    await db.$executeRaw`
      INSERT INTO target_snapshots (target_id, kind, captured_at, payload)
      SELECT * FROM unnest(${snapshots.map((x) => x.targetId)}::int[], ${snapshots.map((x) => x.kind)}::text[],
        ${snapshots.map((x) => x.at.toISOString())}::timestamptz[], ${snapshots.map((x) => x.payload)}::jsonb[])
      ON CONFLICT (target_id, kind) DO UPDATE SET captured_at = EXCLUDED.captured_at, payload = EXCLUDED.payload`;
  }
  return { samples: await writeScrapeRecords({ records: options.scrapes.map(toScrapeRecord) }) };
}
