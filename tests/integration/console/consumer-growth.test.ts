import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
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
});
