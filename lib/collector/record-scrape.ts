import "server-only";
import { db } from "@/lib/db";
import { samplesFromScrape } from "@/lib/collector/samples-from-scrape";
import { samplesFromFigures } from "@/lib/exposition/samples-from-figures";
import { headroomMetrics } from "@/lib/self-metrics/headroom-metrics";
import type { ScrapeResult } from "@/lib/collector/scrape-target";
import { writeOperationMetrics } from "@/lib/metrics/write-operation-metrics";
import { writeSamples } from "@/lib/metrics/write-samples";

const SNAPSHOT_KINDS = ["memory", "top", "agents", "lifecycle", "websocket", "operations"] as const;

/** Stores what one scrape found: samples, operations and snapshots when up, the limit it reports; the failure when down. */
export async function recordScrape(options: {
  targetId: number;
  startedAt: Date;
  durationMs: number;
  workerId: string;
  result: ScrapeResult;
}): Promise<{ samples: number }> {
  const { targetId, startedAt, result } = options;
  const error = result.ok ? (result.partialErrors.length ? `partial: ${result.partialErrors.join("; ")}` : null) : result.error;
  let written = 0;
  let reportedLimitMb: number | null = null;
  if (result.ok && result.source === "exposition") {
    const samples = samplesFromFigures({ figures: result.figures, timestamp: startedAt }).map((s) => ({ ...s, targetId }));
    written = await writeSamples({ samples });
    reportedLimitMb = result.figures.limitMb;
  }
  if (result.ok && result.source === "runbook-api") {
    const samples = samplesFromScrape({ targetId, at: startedAt, documents: result.documents });
    written = await writeSamples({ samples });
    reportedLimitMb = result.documents.memory.limit_mb;
    await writeOperationMetrics({ targetId, operations: result.documents.operations?.operations ?? [], seenAt: startedAt });
    const kinds = SNAPSHOT_KINDS.filter((kind) => result.documents[kind] !== undefined);
    if (kinds.length > 0) {
      await db.$executeRaw`
        INSERT INTO target_snapshots (target_id, kind, captured_at, payload)
        SELECT ${targetId}, kind, ${startedAt}, payload FROM unnest(${kinds}::text[], ${kinds.map((k) => JSON.stringify(result.documents[k]))}::jsonb[]) AS s(kind, payload)
        ON CONFLICT (target_id, kind) DO UPDATE SET captured_at = EXCLUDED.captured_at, payload = EXCLUDED.payload`;
    }
  }
  await db.$transaction([
    db.targetScrape.create({
      data: { targetId, startedAt, ok: result.ok, durationMs: options.durationMs, error, workerId: options.workerId },
    }),
    db.target.update({
      where: { id: targetId },
      data: {
        lastScrapeAt: startedAt,
        lastScrapeOk: result.ok,
        lastScrapeError: error,
        ...(result.ok ? { lastSampleAt: startedAt } : {}),
        // A limit the service reports is the limit (docs/decisions/0010-target-kinds-and-presets.md).
        ...(reportedLimitMb !== null && reportedLimitMb >= 1 ? { memoryLimitMb: Math.round(reportedLimitMb), memoryLimitSource: "reported" } : {}),
      },
    }),
  ]);
  headroomMetrics().samplesWritten.inc({ source: "scrape" }, written);
  return { samples: written };
}
