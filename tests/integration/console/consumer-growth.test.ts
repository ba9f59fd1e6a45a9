import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { pickConsumerCallout } from "@/lib/console/pick-consumer-callout";
import { readConsumerGrowth } from "@/lib/console/read-consumer-growth";
import { METRIC, formatLabels, type StoredSample } from "@/lib/metrics/sample";
import { writeSamples } from "@/lib/metrics/write-samples";
import type { MemoryTop } from "@/lib/target-api/schemas";

afterAll(() => db.$disconnect());

const consumer = (name: string, memory_mb: number) => ({ name, component: "agent_system" as const, memory_mb, percent: 1, count: null, description: name });

describe("readConsumerGrowth", () => {
  it("ranks growth from the range start, counts a late arrival as grown from nothing, and leaves unknowns null", async () => {
    const { id: targetId } = await db.target.create({ data: { slug: "c", name: "C", baseUrl: "http://127.0.0.1:9" } });
    const now = Date.now();
    const from = new Date(now - 3_600_000);
    const series = (name: string, startMs: number, startMb: number, perStep: number): StoredSample[] =>
      Array.from({ length: Math.floor((now - startMs) / 15_000) }, (_, i) => ({
        targetId,
        metricName: METRIC.consumerUsed,
        labels: formatLabels({ component: "agent_system", name }),
        timestamp: new Date(startMs + i * 15_000),
        valueMb: startMb + i * perStep,
      }));
    // Collection began 30 min ago for everyone; "late" appeared 10 min ago.
    await writeSamples({ samples: [...series("steady", now - 1_800_000, 300, 0), ...series("leaky", now - 1_800_000, 100, 1), ...series("late", now - 600_000, 50, 0)] });
    const top: MemoryTop = {
      timestamp: new Date(now).toISOString(),
      used_mb: 1000,
      consumers: [consumer("steady", 300), consumer("leaky", 220), consumer("late", 50), consumer("unseen", 10)],
    };
    const rows = await readConsumerGrowth({ targetId, top, from, to: new Date(now) });
    const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(byName.steady).toMatchObject({ startMb: 300, growthMb: 0, appeared: false });
    expect(byName.leaky).toMatchObject({ startMb: 100, growthMb: 120, appeared: false });
    expect(byName.late).toMatchObject({ startMb: 0, growthMb: 50, appeared: true });
    expect(byName.unseen).toMatchObject({ startMb: null, growthMb: null, appeared: false });
  });

  it("counts an import that arrived soon after collection began as grown from nothing, and names it as the spike's culprit", async () => {
    const { id: targetId } = await db.target.create({ data: { slug: "c-spike", name: "C spike", baseUrl: "http://127.0.0.1:9" } });
    const now = Date.now();
    const collectionStart = now - 6 * 60_000;
    const importAt = collectionStart + 75_000;
    const rows: StoredSample[] = [];
    for (let t = collectionStart; t <= now; t += 15_000) {
      const at = new Date(t);
      rows.push({ targetId, metricName: METRIC.consumerUsed, labels: formatLabels({ component: "agent_system", name: "agent_system.active_agents" }), timestamp: at, valueMb: 400 + (t - collectionStart) / 60_000 });
      // Ramping up over 90 s from its first scrape, then holding.
      if (t >= importAt) rows.push({ targetId, metricName: METRIC.consumerUsed, labels: formatLabels({ component: "api_service", name: "operation data_import op-014141" }), timestamp: at, valueMb: Math.min(1243.6, ((t - importAt + 15_000) / 90_000) * 1243.6) });
    }
    await writeSamples({ samples: rows });
    const top: MemoryTop = {
      timestamp: new Date(now).toISOString(),
      used_mb: 3000,
      consumers: [
        { ...consumer("operation data_import op-014141", 1243.6), component: "api_service" },
        consumer("agent_system.active_agents", 406),
      ],
    };
    const consumers = await readConsumerGrowth({ targetId, top, from: new Date(now - 3_600_000), to: new Date(now) });
    expect(consumers[0]).toMatchObject({ appeared: true, startMb: 0, growthMb: 1243.6, appearedAt: importAt });
    expect(consumers[1]).toMatchObject({ appeared: false, startMb: 400 });
    const callout = pickConsumerCallout({ consumers, diagnosis: { pattern: "spike", evidence: { largestJumpMb: 1377, largestJumpAt: importAt + 30_000, largestJumpFrom: importAt - 15_000, largestJumpTo: importAt + 90_000 } } });
    expect(callout).toMatchObject({ name: "operation data_import op-014141", reason: "explains_jump", growthMb: 1243.6 });
  });
});
