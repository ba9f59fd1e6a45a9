import "server-only";
import { createTargetClient } from "@/lib/target-api/client";
import { refreshRollups } from "@/lib/metrics/refresh-rollups";
import { METRIC, formatLabels, type StoredSample } from "@/lib/metrics/sample";
import { writeSamples } from "@/lib/metrics/write-samples";

/**
 * Demo mode only: fills a new target's last 24 h from the simulator's own model
 * (GET /_control/history), so charts, rollups and the runbook's queries have data at once.
 */
export async function backfillHistory(options: { targetId: number; baseUrl: string; duration?: string }): Promise<number> {
  const client = createTargetClient({ baseUrl: options.baseUrl, timeoutMs: 30_000 });
  const history = await client.getHistory({ duration: options.duration ?? "24h", step: "15s" });
  const samples: StoredSample[] = [];
  for (const point of history.samples) {
    const timestamp = new Date(point.timestamp);
    samples.push({ targetId: options.targetId, metricName: METRIC.systemUsed, labels: "", timestamp, valueMb: point.used_mb });
    for (const [component, valueMb] of Object.entries(point.components)) {
      samples.push({ targetId: options.targetId, metricName: METRIC.componentUsed, labels: formatLabels({ component }), timestamp, valueMb });
    }
  }
  const written = await writeSamples({ samples });
  if (history.samples.length > 0) {
    await refreshRollups({
      from: new Date(history.samples[0].timestamp),
      to: new Date(Date.parse(history.samples.at(-1)!.timestamp) + 1),
      targetId: options.targetId,
    });
  }
  return written;
}
