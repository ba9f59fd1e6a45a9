import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { readMemorySeries } from "@/lib/metrics/read-memory-series";
import { refreshRollups } from "@/lib/metrics/refresh-rollups";
import { METRIC, formatLabels } from "@/lib/metrics/sample";
import { writeSamples } from "@/lib/metrics/write-samples";

const NOW = new Date(Date.UTC(2026, 10, 20, 12, 0));
let targetId = 0;
beforeAll(async () => {
  targetId = (await db.target.create({ data: { slug: "r", name: "R", baseUrl: "http://127.0.0.1:1" } })).id;
});
afterAll(() => db.$disconnect());

describe("readMemorySeries", () => {
  it("returns each stored point exactly, in time order, from one series only", async () => {
    const at = (msAgo: number) => new Date(NOW.getTime() - msAgo);
    await writeSamples({
      samples: [
        { targetId, metricName: METRIC.systemUsed, labels: "", timestamp: at(30_123), valueMb: 2048.123456789 },
        { targetId, metricName: METRIC.systemUsed, labels: "", timestamp: at(45_001), valueMb: 0 },
        { targetId, metricName: METRIC.systemUsed, labels: "", timestamp: at(15_999), valueMb: 1e6 + 0.5 },
        { targetId, metricName: METRIC.componentUsed, labels: formatLabels({ component: "cache" }), timestamp: at(15_999), valueMb: 7 },
      ],
    });
    const series = await readMemorySeries({ targetId, from: at(60_000), to: NOW, maxPoints: 100, now: NOW });
    expect(series).toMatchObject({ source: "raw", sourcePoints: 3 });
    expect(series.points).toEqual([
      { t: NOW.getTime() - 45_001, valueMb: 0 },
      { t: NOW.getTime() - 30_123, valueMb: 2048.123456789 },
      { t: NOW.getTime() - 15_999, valueMb: 1e6 + 0.5 },
    ]);
  });

  it("reads an empty range as no points, raw or rolled up", async () => {
    const far = new Date(NOW.getTime() - 3 * 86_400_000);
    await refreshRollups({ from: new Date(NOW.getTime() - 86_400_000), to: NOW });
    for (const to of [new Date(far.getTime() + 3_600_000), new Date(far.getTime() + 2 * 86_400_000)]) {
      const series = await readMemorySeries({ targetId, from: far, to, maxPoints: 100, now: NOW });
      expect(series.sourcePoints).toBe(0);
      expect(series.points).toEqual([]);
    }
  });
});
