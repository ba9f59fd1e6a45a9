import { describe, expect, it } from "vitest";
import { createScrapeBuffer } from "@/lib/collector/scrape-buffer";
import type { ScrapeRecord } from "@/lib/collector/scrape-record";

const record = (targetId: number, second: number, samples: number): ScrapeRecord => {
  const startedAt = new Date(Date.UTC(2026, 0, 1, 0, 0, second));
  return {
    targetId,
    startedAt,
    durationMs: 5,
    workerId: "w",
    ok: samples > 0,
    error: samples > 0 ? null : "down",
    samples: Array.from({ length: samples }, (_, i) => ({ targetId, metricName: "system.memory.used", labels: `{i="${i}"}`, timestamp: startedAt, valueMb: i })),
    reportedLimitMb: null,
  };
};
const seconds = (records: ScrapeRecord[]) => records.map((r) => r.startedAt.getUTCSeconds());

describe("scrape buffer", () => {
  it("keeps records in order and hands them out oldest first in portions", () => {
    const buffer = createScrapeBuffer({ maxSamples: 1000 });
    for (let s = 0; s < 5; s++) buffer.add(record(1, s, 100));
    expect(buffer.size()).toEqual({ records: 5, samples: 500 });
    expect(seconds(buffer.take(250))).toEqual([0, 1]);
    expect(seconds(buffer.take(10))).toEqual([2]); // at least one record, however large
    expect(seconds(buffer.take(10_000))).toEqual([3, 4]);
    expect(buffer.size()).toEqual({ records: 0, samples: 0 });
    expect(buffer.counters()).toEqual({ buffered: 500, dropped: 0 });
  });

  it("drops the oldest records whole beyond the bound, counting the samples, and says so once", () => {
    let warnings = 0;
    const buffer = createScrapeBuffer({ maxSamples: 300, onFirstDrop: () => warnings++ });
    for (let s = 0; s < 5; s++) buffer.add(record(1, s, 100));
    expect(buffer.size()).toEqual({ records: 3, samples: 300 });
    expect(seconds(buffer.take(10_000))).toEqual([2, 3, 4]);
    expect(buffer.counters()).toEqual({ buffered: 500, dropped: 200 });
    expect(warnings).toBe(1);
    buffer.resetCounters();
    expect(buffer.counters()).toEqual({ buffered: 0, dropped: 0 });
  });

  it("puts records that could not be written back in front, still within the bound", () => {
    const buffer = createScrapeBuffer({ maxSamples: 300 });
    buffer.add(record(1, 0, 100));
    buffer.add(record(1, 1, 100));
    const batch = buffer.take(200);
    buffer.add(record(1, 2, 100));
    buffer.add(record(1, 3, 100));
    buffer.putBack(batch);
    // Four records for room for three: the oldest goes.
    expect(seconds(buffer.take(10_000))).toEqual([1, 2, 3]);
    expect(buffer.counters().dropped).toBe(100);
  });

  it("counts a failed scrape (no samples) as one, so a long outage of a down target stays bounded", () => {
    let warnings = 0;
    const buffer = createScrapeBuffer({ maxSamples: 1000, onFirstDrop: () => warnings++ });
    for (let s = 0; s < 1500; s++) buffer.add(record(2, s % 60, 0));
    expect(buffer.size().records).toBe(1000);
    expect(warnings).toBe(1); // dropping records without samples still warns once
  });
});
