import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { writeSamples } from "@/lib/metrics/write-samples";
import { METRIC, formatLabels, type StoredSample } from "@/lib/metrics/sample";

let targetId = 0;
beforeAll(async () => {
  targetId = (await db.target.create({ data: { slug: "w", name: "W", baseUrl: "http://127.0.0.1:1" } })).id;
});
afterAll(() => db.$disconnect());

const sample = (minutesAgo: number, valueMb: number, labels = ""): StoredSample => ({
  targetId,
  metricName: METRIC.systemUsed,
  labels,
  timestamp: new Date(Date.UTC(2026, 10, 20, 12, 0) - minutesAgo * 60_000),
  valueMb,
});

describe("writeSamples", () => {
  it("writes a batch spanning days into daily partitions", async () => {
    const batch = [sample(0, 1000), sample(13 * 60, 1100), sample(36 * 60, 1200), sample(1, 55, formatLabels({ component: "cache" }))];
    expect(await writeSamples({ samples: batch })).toBe(4);
    const partitions = await db.$queryRaw<{ name: string }[]>`
      SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'metrics'::regclass ORDER BY 1`;
    expect(partitions.map((p) => p.name)).toEqual(["metrics_p20261119", "metrics_p20261120"]);
    const stored = await db.metric.findMany({ where: { targetId }, orderBy: { timestamp: "asc" } });
    expect(stored.map((m) => [m.labels, m.memoryUsedMb])).toEqual([
      ["", 1200],
      ["", 1100],
      ['{component="cache"}', 55],
      ["", 1000],
    ]);
  });

  it("is idempotent: re-sending a batch stores nothing twice", async () => {
    const batch = [sample(0, 1000), sample(2, 999)];
    expect(await writeSamples({ samples: batch })).toBe(1);
    expect(await writeSamples({ samples: batch })).toBe(0);
    expect(await db.metric.count({ where: { targetId } })).toBe(5);
  });

  it("canonicalises label order", () => {
    expect(formatLabels({ b: "2", a: 'x"y' })).toBe('{a="x\\"y",b="2"}');
    expect(formatLabels({})).toBe("");
  });
});
