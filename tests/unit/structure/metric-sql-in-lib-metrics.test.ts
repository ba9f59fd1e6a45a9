import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, listSourceFiles } from "@/tests/support/source-files";

// SQL naming a metric table, or the Prisma delegate of one. Reads and writes of metric data
// live in lib/metrics only, so that the raw-or-rollup choice and the point type stay in one place.
const METRIC_TABLE_USE = [
  /\b(?:FROM|JOIN|INTO|UPDATE|TRUNCATE|TABLE)\s+(?:ONLY\s+)?"?(?:metrics|metric_rollups_5m|operation_metrics)\b/i,
  /\.(?:metric|metricRollup5m|operationMetric)\.[a-zA-Z]+\(/,
];

function usesMetricTables(source: string): boolean {
  return METRIC_TABLE_USE.some((pattern) => pattern.test(source));
}

describe("usesMetricTables", () => {
  it("recognises SQL and Prisma access to the metric tables, and not other tables", () => {
    expect(usesMetricTables('SELECT memory_used_mb FROM metrics WHERE target_id = 1')).toBe(true);
    expect(usesMetricTables("select max_mb\n  from metric_rollups_5m")).toBe(true);
    expect(usesMetricTables('INSERT INTO operation_metrics (target_id) VALUES (1)')).toBe(true);
    expect(usesMetricTables("await db.metricRollup5m.deleteMany({})")).toBe(true);
    expect(usesMetricTables("await tx.metric.findMany({})")).toBe(true);
    expect(usesMetricTables('SELECT * FROM alert_target_status; extract(epoch FROM "timestamp")')).toBe(false);
    expect(usesMetricTables("const m = row.metricName; import { METRIC } from \"@/lib/metrics/sample\";")).toBe(false);
  });
});

describe("the source tree", () => {
  // Tests, benchmarks and migrations set up or measure the tables directly, on purpose.
  const files = listSourceFiles({ dirs: ["lib", "app", "worker", "supervisor", "scripts", "simulator"], skip: ["lib/generated", "lib/metrics"] });
  const offenders = files.filter((file) => usesMetricTables(readFileSync(path.join(ROOT, file), "utf8")));

  it("reads the metric tables only in lib/metrics", () => {
    expect(files.length).toBeGreaterThan(200);
    expect(offenders).toEqual([]);
  });

  it("still finds them there (the check looks at real code)", () => {
    const inside = listSourceFiles({ dirs: ["lib/metrics"] }).filter((file) => usesMetricTables(readFileSync(path.join(ROOT, file), "utf8")));
    expect(inside).toContain("lib/metrics/read-raw-series.ts");
    expect(inside).toContain("lib/metrics/write-operation-metrics.ts");
  });
});
