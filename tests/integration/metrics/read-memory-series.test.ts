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

describe("readMemorySeries over a day", () => {
  const DAY = 86_400_000;
  const STEP = 15_000;

  it("reads the minute maxima where they are final and raw samples after them: the spike and the newest sample are kept", async () => {
    const id = (await db.target.create({ data: { slug: "day", name: "Day", baseUrl: "http://127.0.0.1:1" } })).id;
    const start = NOW.getTime() - DAY;
    const spikeAt = start + 4_000 * STEP;
    const samples = [];
    for (let t = start; t < NOW.getTime() - 60_000; t += STEP) {
      samples.push({ targetId: id, metricName: METRIC.systemUsed, labels: "", timestamp: new Date(t), valueMb: t === spikeAt ? 3000 : 1000 + ((t / STEP) % 7) });
    }
    await writeSamples({ samples });
    await refreshRollups({ from: new Date(start), to: NOW, targetId: id });
    // Written after the last refresh, as the newest scrape is: only the raw part of the read has it.
    await writeSamples({ samples: [{ targetId: id, metricName: METRIC.systemUsed, labels: "", timestamp: new Date(NOW.getTime() - 30_000), valueMb: 2500 }] });

    const series = await readMemorySeries({ targetId: id, from: new Date(start), to: NOW, maxPoints: 600, now: NOW });
    expect(series.source).toBe("rollup_1m");
    // 1,425 settled minutes and 15 minutes of raw samples (about 57), rather than 5,757 samples.
    expect(series.sourcePoints).toBeGreaterThan(1_470);
    expect(series.sourcePoints).toBeLessThan(1_490);
    expect(series.points).toHaveLength(600);
    expect(Math.max(...series.points.map((p) => p.valueMb))).toBe(3000);
    expect(series.points.at(-1)).toEqual({ t: NOW.getTime() - 30_000, valueMb: 2500 });
    const times = series.points.map((p) => p.t);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times).size).toBe(times.length);
  });

  it("reads component series at full resolution: they have no minute maxima", async () => {
    const id = (await db.target.create({ data: { slug: "day-component", name: "Day component", baseUrl: "http://127.0.0.1:1" } })).id;
    const labels = formatLabels({ component: "cache" });
    const start = NOW.getTime() - DAY;
    const samples = [];
    for (let t = start; t < NOW.getTime(); t += STEP) samples.push({ targetId: id, metricName: METRIC.componentUsed, labels, timestamp: new Date(t), valueMb: 10 });
    await writeSamples({ samples });
    await refreshRollups({ from: new Date(start), to: NOW, targetId: id });
    const series = await readMemorySeries({ targetId: id, from: new Date(start), to: NOW, maxPoints: 600, now: NOW, metricName: METRIC.componentUsed, labels });
    expect(series).toMatchObject({ source: "raw", sourcePoints: samples.length });
    expect(await db.memoryRollup1m.count({ where: { targetId: id } })).toBe(0);
  });
});
