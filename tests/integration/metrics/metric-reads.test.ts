import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { readBucketAverages } from "@/lib/metrics/read-bucket-averages";
import { readLatestValue } from "@/lib/metrics/read-latest-value";
import { readRawSeries } from "@/lib/metrics/read-raw-series";
import { readSeriesByLabels } from "@/lib/metrics/read-series-by-labels";
import { readSeriesByTarget } from "@/lib/metrics/read-series-by-target";
import { readSeriesStartValues } from "@/lib/metrics/read-series-start-values";
import { refreshRollups } from "@/lib/metrics/refresh-rollups";
import { METRIC, formatLabels, type StoredSample } from "@/lib/metrics/sample";
import { writeSamples } from "@/lib/metrics/write-samples";

const MIN = 60_000;
const DAY = 86_400_000;
// On a 5-minute boundary, so rollup buckets start at the times written below.
const NOW = new Date(Date.UTC(2026, 10, 28, 12, 0, 0));
const ago = (ms: number) => NOW.getTime() - ms;
const CACHE = formatLabels({ component: "cache" });
const API = formatLabels({ component: "api_service" });
const LABELLED = formatLabels({ instance: "b" });
let a = 0;
let b = 0;

beforeAll(async () => {
  a = (await db.target.create({ data: { slug: "reads-a", name: "A", baseUrl: "http://127.0.0.1:9" } })).id;
  b = (await db.target.create({ data: { slug: "reads-b", name: "B", baseUrl: "http://127.0.0.1:9" } })).id;
  const sample = (targetId: number, metricName: string, labels: string, t: number, valueMb: number): StoredSample => ({
    targetId,
    metricName,
    labels,
    timestamp: new Date(t),
    valueMb,
  });
  await writeSamples({
    samples: [
      sample(a, METRIC.componentUsed, CACHE, ago(10 * MIN), 100),
      sample(a, METRIC.componentUsed, CACHE, ago(10 * MIN) + 15_000, 130),
      sample(a, METRIC.componentUsed, CACHE, ago(5 * MIN), 110),
      sample(a, METRIC.componentUsed, API, ago(10 * MIN), 50),
      sample(a, METRIC.componentUsed, API, ago(5 * MIN), 70),
      sample(a, METRIC.componentUsed, CACHE, ago(2 * 60 * MIN), 90), // before the short ranges
      sample(b, METRIC.componentUsed, CACHE, ago(5 * MIN), 9999), // another target
      sample(a, METRIC.systemUsed, "", ago(20 * MIN), 500),
      sample(a, METRIC.systemUsed, "", ago(1 * MIN), 600),
      sample(a, METRIC.systemUsed, LABELLED, NOW.getTime(), 999), // same metric, another series
      sample(b, METRIC.systemUsed, "", ago(30 * MIN), 200),
      sample(b, METRIC.systemUsed, "", ago(30 * MIN) + 15_000, 260),
    ],
  });
  await refreshRollups({ from: new Date(ago(DAY)), to: NOW });
});
afterAll(() => db.$disconnect());

const shortRange = { from: new Date(ago(60 * MIN)), to: NOW, now: NOW };
// Longer than a day: read from the 5-minute rollups.
const longRange = { from: new Date(ago(2 * DAY)), to: NOW, now: NOW };

describe("readSeriesByLabels", () => {
  it("reads every label set's raw samples in a short range, in time order", async () => {
    const map = await readSeriesByLabels({ targetId: a, metricName: METRIC.componentUsed, ...shortRange });
    expect([...map.keys()].sort()).toEqual([API, CACHE].sort());
    expect(map.get(CACHE)).toEqual([
      { t: ago(10 * MIN), valueMb: 100 },
      { t: ago(10 * MIN) + 15_000, valueMb: 130 },
      { t: ago(5 * MIN), valueMb: 110 },
    ]);
    expect(map.get(API)).toEqual([{ t: ago(10 * MIN), valueMb: 50 }, { t: ago(5 * MIN), valueMb: 70 }]);
  });

  it("reads each bucket's peak from the rollups in a long range", async () => {
    const map = await readSeriesByLabels({ targetId: a, metricName: METRIC.componentUsed, ...longRange });
    expect(map.get(CACHE)).toEqual([
      { t: ago(2 * 60 * MIN), valueMb: 90 },
      { t: ago(10 * MIN), valueMb: 130 },
      { t: ago(5 * MIN), valueMb: 110 },
    ]);
  });
});

describe("readBucketAverages", () => {
  it("averages raw samples into buckets aligned on the range start, the same times for every label set", async () => {
    const map = await readBucketAverages({ targetId: a, metricName: METRIC.componentUsed, from: new Date(ago(10 * MIN)), to: NOW, buckets: 2, now: NOW });
    expect(map.get(CACHE)).toEqual([{ t: ago(10 * MIN), valueMb: 115 }, { t: ago(5 * MIN), valueMb: 110 }]);
    expect(map.get(API)).toEqual([{ t: ago(10 * MIN), valueMb: 50 }, { t: ago(5 * MIN), valueMb: 70 }]);
  });

  it("averages the rollups' averages in a long range", async () => {
    const map = await readBucketAverages({ targetId: a, metricName: METRIC.componentUsed, ...longRange, buckets: 576 });
    expect(map.get(CACHE)).toEqual([
      { t: ago(2 * 60 * MIN), valueMb: 90 },
      { t: ago(10 * MIN), valueMb: 115 },
      { t: ago(5 * MIN), valueMb: 110 },
    ]);
  });
});

describe("readSeriesStartValues", () => {
  it("finds each series' first raw value at or after the start, and leaves out one with none", async () => {
    const missing = formatLabels({ component: "redis" });
    const { source, starts } = await readSeriesStartValues({
      targetId: a,
      metricName: METRIC.componentUsed,
      labels: [CACHE, API, missing],
      from: new Date(ago(8 * MIN)),
      to: NOW,
      now: NOW,
    });
    expect(source).toBe("raw");
    expect(starts).toEqual(new Map([[CACHE, { t: ago(5 * MIN), valueMb: 110 }], [API, { t: ago(5 * MIN), valueMb: 70 }]]));
  });

  it("takes the first rollup average in a long range", async () => {
    const { source, starts } = await readSeriesStartValues({ targetId: a, metricName: METRIC.componentUsed, labels: [API], ...longRange });
    expect(source).toBe("rollup");
    expect(starts.get(API)).toEqual({ t: ago(10 * MIN), valueMb: 50 });
  });
});

describe("readLatestValue", () => {
  it("returns the newest total at or before the time, ignoring other label sets", async () => {
    expect(await readLatestValue({ targetId: a, at: NOW })).toEqual({ t: ago(MIN), valueMb: 600 });
    expect(await readLatestValue({ targetId: a, at: new Date(ago(2 * MIN)) })).toEqual({ t: ago(20 * MIN), valueMb: 500 });
  });

  it("returns null when the newest is older than notBefore (inclusive bound)", async () => {
    expect(await readLatestValue({ targetId: a, at: new Date(ago(2 * MIN)), notBefore: new Date(ago(5 * MIN)) })).toBeNull();
    expect(await readLatestValue({ targetId: a, at: NOW, notBefore: new Date(ago(MIN)) })).toEqual({ t: ago(MIN), valueMb: 600 });
  });
});

describe("readSeriesByTarget", () => {
  it("reads every target's total in one map, raw in a short range", async () => {
    const map = await readSeriesByTarget(shortRange);
    expect(map.get(a)).toEqual([{ t: ago(20 * MIN), valueMb: 500 }, { t: ago(MIN), valueMb: 600 }]);
    expect(map.get(b)).toEqual([{ t: ago(30 * MIN), valueMb: 200 }, { t: ago(30 * MIN) + 15_000, valueMb: 260 }]);
  });

  it("reads rollup peaks in a long range", async () => {
    const map = await readSeriesByTarget(longRange);
    expect(map.get(b)).toEqual([{ t: ago(30 * MIN), valueMb: 260 }]);
    expect(map.get(a)).toEqual([{ t: ago(20 * MIN), valueMb: 500 }, { t: ago(5 * MIN), valueMb: 600 }]);
  });
});

describe("readRawSeries", () => {
  it("reads raw samples with both bounds inclusive, whatever the range's length", async () => {
    expect(await readRawSeries({ targetId: a, from: new Date(ago(20 * MIN)), to: new Date(ago(MIN)) })).toEqual([
      { t: ago(20 * MIN), valueMb: 500 },
      { t: ago(MIN), valueMb: 600 },
    ]);
    const long = await readRawSeries({ targetId: a, metricName: METRIC.componentUsed, labels: CACHE, from: new Date(ago(2 * DAY)), to: NOW });
    expect(long.map((p) => p.valueMb)).toEqual([90, 100, 130, 110]);
  });
});
