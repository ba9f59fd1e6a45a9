import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { applyRetention } from "@/lib/metrics/apply-retention";
import { readMemorySeries } from "@/lib/metrics/read-memory-series";
import { refreshRollups } from "@/lib/metrics/refresh-rollups";
import { METRIC, type StoredSample } from "@/lib/metrics/sample";
import { writeSamples } from "@/lib/metrics/write-samples";

const DAY = 86_400_000;
const NOW = new Date(Date.UTC(2026, 10, 28, 12, 0, 0));
let targetId = 0;

function every15s(fromMs: number, toMs: number, value: (t: number) => number): StoredSample[] {
  const out: StoredSample[] = [];
  for (let t = fromMs; t <= toMs; t += 15_000) {
    out.push({ targetId, metricName: METRIC.systemUsed, labels: "", timestamp: new Date(t), valueMb: value(t) });
  }
  return out;
}

beforeAll(async () => {
  targetId = (await db.target.create({ data: { slug: "life", name: "Life", baseUrl: "http://127.0.0.1:1" } })).id;
});
afterAll(() => db.$disconnect());

describe("rollups", () => {
  it("computes min/avg/max/last per 5-minute bucket, and recomputes a bucket after late samples", async () => {
    const start = NOW.getTime() - 10 * 60_000;
    await writeSamples({ samples: every15s(start, start + 5 * 60_000 - 1, (t) => 1000 + (t - start) / 15_000) });
    expect(await refreshRollups({ from: new Date(start), to: NOW })).toBe(1);
    const [bucket] = await db.metricRollup5m.findMany({ where: { targetId } });
    expect(bucket).toMatchObject({ minMb: 1000, maxMb: 1019, lastMb: 1019, sampleCount: 20 });
    expect(bucket.avgMb).toBeCloseTo(1009.5, 6);
    // A late sample in the same bucket changes it on the next refresh instead of being lost.
    await writeSamples({ samples: [{ targetId, metricName: METRIC.systemUsed, labels: "", timestamp: new Date(start + 7_000), valueMb: 5000 }] });
    await refreshRollups({ from: new Date(start), to: NOW });
    const [again] = await db.metricRollup5m.findMany({ where: { targetId } });
    expect(again).toMatchObject({ maxMb: 5000, sampleCount: 21, lastMb: 1019 });
    // The minute maxima of total memory come with them, late sample included.
    const minutes = await db.memoryRollup1m.findMany({ where: { targetId }, orderBy: { bucket: "asc" } });
    expect(minutes.map((m) => [m.bucket.getTime() - start, m.maxMb, m.sampleCount])).toEqual([
      [0, 5000, 5], [60_000, 1007, 4], [120_000, 1011, 4], [180_000, 1015, 4], [240_000, 1019, 4],
    ]);
  });
});

describe("retention", () => {
  it("drops whole daily partitions older than the raw retention and old rollups", async () => {
    const old = NOW.getTime() - 20 * DAY;
    await writeSamples({ samples: every15s(old, old + 60_000, () => 700) });
    await refreshRollups({ from: new Date(old), to: new Date(old + 5 * 60_000) });
    const transition = (at: number) => ({ targetId, ruleName: "SEV-2", fromStatus: "pending", toStatus: "firing", at: new Date(at), workerId: "w" });
    await db.alertTransitionRecord.createMany({ data: [transition(NOW.getTime() - 25 * DAY), transition(NOW.getTime() - DAY)] });
    const notification = (ageDays: number, status: string) => ({
      targetId, kind: "firing", payload: {}, status, maxAttempts: 3, nextAttemptAt: NOW, createdAt: new Date(NOW.getTime() - ageDays * DAY),
    });
    await db.notificationDelivery.createMany({ data: [notification(20, "delivered"), notification(20, "pending"), notification(1, "failed")] });
    const oldMinutes = { bucket: { lt: new Date(NOW.getTime() - 14 * DAY) } };
    expect(await db.memoryRollup1m.count({ where: oldMinutes })).toBe(2);
    const result = await applyRetention({ now: NOW, rawDays: 14, rollupDays: 19 });
    // Minute maxima go with the raw samples they stand in for; recent ones stay.
    expect(await db.memoryRollup1m.count({ where: oldMinutes })).toBe(0);
    expect(await db.memoryRollup1m.count({ where: { targetId } })).toBe(5);
    expect((await db.alertTransitionRecord.findMany()).map((t) => t.at.getTime())).toEqual([NOW.getTime() - DAY]);
    expect((await db.notificationDelivery.findMany({ orderBy: { id: "asc" } })).map((n) => n.status)).toEqual(["pending", "failed"]);
    expect(result.droppedPartitions).toEqual(["metrics_p20261108"]);
    expect(result.deletedRollups).toBe(1);
    expect(await db.metric.count({ where: { timestamp: { lt: new Date(NOW.getTime() - 14 * DAY) } } })).toBe(0);
    // Today's partition and its rows are untouched.
    expect(await db.metric.count({ where: { targetId } })).toBe(21);
  });
});

describe("readMemorySeries", () => {
  it("keeps a single-sample spike when downsampling a day of raw samples", async () => {
    const from = NOW.getTime() - DAY + 60_000;
    const spikeAt = from + 7 * 3_600_000 + 15_000 * 3;
    await writeSamples({ samples: every15s(from, NOW.getTime() - 20 * 60_000, (t) => (t === spikeAt ? 3900 : 2000 + Math.sin(t / 1e6) * 5)) });
    // 2,000 points a day is 43 s apart: finer than the minute maxima, so raw samples are read.
    const series = await readMemorySeries({ targetId, from: new Date(from), to: NOW, maxPoints: 2000, now: NOW });
    expect(series.source).toBe("raw");
    expect(series.sourcePoints).toBeGreaterThan(5000);
    expect(series.points.length).toBeLessThanOrEqual(2000);
    expect(series.points).toContainEqual({ t: spikeAt, valueMb: 3900 });
  });

  it("reads rollups (each bucket's peak) for ranges beyond a day", async () => {
    await refreshRollups({ from: new Date(NOW.getTime() - 2 * DAY), to: NOW });
    const series = await readMemorySeries({ targetId, from: new Date(NOW.getTime() - 7 * DAY), to: NOW, maxPoints: 1000, now: NOW });
    expect(series.source).toBe("rollup");
    expect(Math.max(...series.points.map((p) => p.valueMb))).toBe(5000);
    expect(series.points.some((p) => p.valueMb === 3900)).toBe(true);
  });
});
