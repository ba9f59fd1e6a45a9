import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { MEMORY_INTENSIVE_OPERATIONS_SQL, TRACK_MEMORY_GROWTH_SQL, runRunbookQueries } from "@/lib/metrics/run-runbook-queries";

// The runbook's two "Monitoring Queries", read from the runbook itself (its ```sql block, each query
// after its `-- ` comment), so lib/'s copy is checked against the document rather than a second copy.
function runbookQueries(): Map<string, string> {
  const block = /### Monitoring Queries\n```sql\n([\s\S]*?)```/.exec(readFileSync("docs/runbooks/high-memory.md", "utf8"));
  if (!block) throw new Error("the runbook has no Monitoring Queries block");
  const parts = block[1].split(/^-- (.*)$/m);
  return new Map(parts.flatMap((part, i) => (i % 2 === 1 ? [[part, parts[i + 1]] as const] : [])));
}
const queries = runbookQueries();
const TRACK_MEMORY_GROWTH = queries.get("Track memory growth patterns")!;
const MEMORY_INTENSIVE_OPERATIONS = queries.get("Identify memory-intensive operations")!;

const HOUR = 3_600_000;
let targetId = 0;
const now = Date.now();

beforeAll(async () => {
  const target = await db.target.create({ data: { slug: "api", name: "API", baseUrl: "http://127.0.0.1:1" } });
  targetId = target.id;
  await db.$queryRaw`SELECT headroom_ensure_metric_partitions(now() - interval '3 days', now() + interval '1 day')`;
  // Two samples in each of the last three hours, one 30 h old that the 24 h window must exclude,
  // and a component sample that the metric_name filter must exclude.
  const rows = [
    { ms: now - 10 * 60_000, mb: 3000 },
    { ms: now - 20 * 60_000, mb: 3100 },
    { ms: now - HOUR - 5 * 60_000, mb: 2800 },
    { ms: now - HOUR - 15 * 60_000, mb: 2600 },
    { ms: now - 30 * HOUR, mb: 9999 },
  ];
  await db.metric.createMany({
    data: [
      ...rows.map((r) => ({ targetId, metricName: "system.memory.used", timestamp: new Date(r.ms), memoryUsedMb: r.mb })),
      { targetId, metricName: "component.memory.used", labels: '{component="cache"}', timestamp: new Date(now - 60_000), memoryUsedMb: 7777 },
    ],
  });
  await db.operationMetric.createMany({
    data: [
      { targetId, operationId: "op-1", operationType: "belief_update", status: "completed", durationS: 12, memoryDeltaMb: 40, timestamp: new Date(now - 5 * 60_000) },
      { targetId, operationId: "op-2", operationType: "belief_update", status: "completed", durationS: 9, memoryDeltaMb: 20, timestamp: new Date(now - 6 * 60_000) },
      { targetId, operationId: "op-3", operationType: "coalition_formation", status: "running", durationS: 400, memoryDeltaMb: 300, timestamp: new Date(now - 7 * 60_000) },
      { targetId, operationId: "op-4", operationType: "data_import", status: "completed", durationS: 50, memoryDeltaMb: 900, timestamp: new Date(now - 2 * HOUR) },
    ],
  });
});

afterAll(() => db.$disconnect());

describe("the runbook's monitoring queries run verbatim", () => {
  it("are what the queries page runs, unchanged", async () => {
    expect(TRACK_MEMORY_GROWTH_SQL).toBe(TRACK_MEMORY_GROWTH.trim());
    expect(MEMORY_INTENSIVE_OPERATIONS_SQL).toBe(MEMORY_INTENSIVE_OPERATIONS.trim());
    const { growth, operations } = await runRunbookQueries();
    // Samples 10 and 20 minutes old fall into two clock hours early in an hour: count the hours.
    const hours = new Set([10 * 60_000, 20 * 60_000, HOUR + 5 * 60_000, HOUR + 15 * 60_000].map((ago) => Math.floor((now - ago) / HOUR)));
    expect(growth.length).toBe(hours.size);
    expect(operations.map((o) => o.operation_type)).toEqual(["coalition_formation", "belief_update"]);
  });

  it("tracks memory growth per hour over the last 24 hours, newest first", async () => {
    const rows = await db.$queryRawUnsafe<{ hour: Date; avg_memory: number; max_memory: number; sample_count: bigint }[]>(TRACK_MEMORY_GROWTH);
    const expected = new Map<number, number[]>();
    for (const ms of [now - 10 * 60_000, now - 20 * 60_000, now - HOUR - 5 * 60_000, now - HOUR - 15 * 60_000]) {
      const hour = Math.floor(ms / HOUR) * HOUR;
      expected.set(hour, [...(expected.get(hour) ?? []), ms]);
    }
    expect(rows.map((r) => r.hour.getTime())).toEqual([...expected.keys()].sort((a, b) => b - a));
    expect(rows.reduce((sum, r) => sum + Number(r.sample_count), 0)).toBe(4);
    expect(Math.max(...rows.map((r) => r.max_memory))).toBe(3100);
    expect(rows.every((r) => r.max_memory < 9999 && r.max_memory !== 7777)).toBe(true);
  });

  it("ranks operation types by average memory increase over the last hour", async () => {
    const rows = await db.$queryRawUnsafe<{ operation_type: string; avg_memory_increase: number; max_memory_increase: number; operation_count: bigint }[]>(MEMORY_INTENSIVE_OPERATIONS);
    expect(rows).toEqual([
      { operation_type: "coalition_formation", avg_memory_increase: 300, max_memory_increase: 300, operation_count: 1n },
      { operation_type: "belief_update", avg_memory_increase: 30, max_memory_increase: 40, operation_count: 2n },
    ]);
  });
});
