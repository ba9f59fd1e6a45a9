import { describe, expect, it } from "vitest";
import { readMemoryFigures, type SeriesValue } from "@/lib/exposition/read-memory-figures";
import { capComponents, samplesFromFigures } from "@/lib/exposition/samples-from-figures";
import type { MemoryMapping } from "@/lib/targets/target-definition";

const MB = 1024 * 1024;
const mapping = (m: Partial<MemoryMapping>): MemoryMapping => ({ preset: null, usedMetric: null, limitMetric: null, matchLabels: {}, ...m });
const v = (name: string, value: number, labels: Record<string, string> = {}): SeriesValue => ({ name, labels, value });

describe("readMemoryFigures", () => {
  it("process: resident set, heap components and the rest as other; Go's heap and stack", () => {
    const node = readMemoryFigures({ mapping: mapping({ preset: "process" }), values: [v("process_resident_memory_bytes", 100 * MB), v("nodejs_heap_size_used_bytes", 40 * MB), v("nodejs_external_memory_bytes", 10 * MB)] });
    expect(node).toEqual({ ok: true, figures: { usedMb: 100, limitMb: null, components: { heap: 40, external: 10, other: 50 }, usedFrom: "process_resident_memory_bytes", limitFrom: null } });
    const go = readMemoryFigures({ mapping: mapping({ preset: "process" }), values: [v("process_resident_memory_bytes", 64 * MB), v("go_memstats_heap_inuse_bytes", 20 * MB), v("go_memstats_stack_inuse_bytes", 4 * MB)] });
    expect(go.ok && go.figures.components).toEqual({ heap: 20, stack: 4, other: 40 });
    const python = readMemoryFigures({ mapping: mapping({ preset: "process" }), values: [v("process_resident_memory_bytes", 30 * MB)] });
    expect(python.ok && python.figures.components).toEqual({});
  });

  it("node-exporter: used = MemTotal − MemAvailable, limit = MemTotal; a batch without MemTotal uses the known limit", () => {
    const values = [v("node_memory_MemTotal_bytes", 8000 * MB), v("node_memory_MemAvailable_bytes", 5000 * MB)];
    const read = readMemoryFigures({ mapping: mapping({ preset: "node-exporter" }), values });
    expect(read.ok && [read.figures.usedMb, read.figures.limitMb]).toEqual([3000, 8000]);
    const partial = readMemoryFigures({ mapping: mapping({ preset: "node-exporter" }), values: values.slice(1), knownLimitMb: 7000 });
    expect(partial.ok && [partial.figures.usedMb, partial.figures.limitMb]).toEqual([2000, null]);
    expect(readMemoryFigures({ mapping: mapping({ preset: "node-exporter" }), values: values.slice(1) })).toMatchObject({ ok: false, reason: /node_memory_MemTotal_bytes/ });
  });

  it("cadvisor: working set per container, limits summed; an unlimited container falls back to the machine's memory", () => {
    const values = [
      v("container_memory_working_set_bytes", 900 * MB, { id: "/" }),
      v("container_memory_working_set_bytes", 300 * MB, { name: "api", id: "/docker/1" }),
      v("container_memory_working_set_bytes", 100 * MB, { name: "redis", id: "/docker/2" }),
      v("container_spec_memory_limit_bytes", 1024 * MB, { name: "api" }),
      v("container_spec_memory_limit_bytes", 0, { name: "redis" }),
      v("machine_memory_bytes", 16_000 * MB),
    ];
    const all = readMemoryFigures({ mapping: mapping({ preset: "cadvisor" }), values });
    expect(all.ok && all.figures).toMatchObject({ usedMb: 400, components: { api: 300, redis: 100 }, limitMb: 16_000, limitFrom: /machine_memory_bytes/ });
    const api = readMemoryFigures({ mapping: mapping({ preset: "cadvisor", matchLabels: { name: "api" } }), values });
    expect(api.ok && api.figures).toMatchObject({ usedMb: 300, components: { api: 300 }, limitMb: 1024, limitFrom: "container_spec_memory_limit_bytes" });
    const k8s = readMemoryFigures({ mapping: mapping({ preset: "cadvisor" }), values: [v("container_memory_working_set_bytes", 50 * MB, { pod: "api-7", container: "api" }), v("container_memory_working_set_bytes", 1 * MB, { pod: "api-7", container: "POD" })] });
    expect(k8s.ok && k8s.figures.components).toEqual({ "api-7/api": 50 });
  });

  it("explicit metric names with label matchers, summed; says what it looked for when nothing matches", () => {
    const values = [v("app_memory_bytes", 10 * MB, { pool: "a", env: "prod" }), v("app_memory_bytes", 5 * MB, { pool: "b", env: "prod" }), v("app_memory_bytes", 99 * MB, { env: "dev" }), v("app_limit_bytes", 64 * MB, { env: "prod" })];
    const read = readMemoryFigures({ mapping: mapping({ usedMetric: "app_memory_bytes", limitMetric: "app_limit_bytes", matchLabels: { env: "prod" } }), values });
    expect(read.ok && read.figures).toMatchObject({ usedMb: 15, limitMb: 64, usedFrom: 'app_memory_bytes{env="prod"}' });
    expect(readMemoryFigures({ mapping: mapping({ usedMetric: "app_memory_bytes", matchLabels: { env: "qa" } }), values })).toEqual({
      ok: false,
      reason: 'No app_memory_bytes{env="qa"} among the 4 series it answered with.',
    });
  });
});

describe("samplesFromFigures", () => {
  it("stores at most the cap of components: the largest, and the rest summed as other, so their total stays whole", () => {
    const components = Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`c${i}`, i + 1]));
    const samples = samplesFromFigures({ figures: { usedMb: 40_000, limitMb: null, components, usedFrom: "x", limitFrom: null }, timestamp: new Date(0) });
    const stored = samples.filter((s) => s.metricName === "component.memory.used");
    expect(stored).toHaveLength(201);
    expect(stored.find((s) => s.labels === '{component="c249"}')?.valueMb).toBe(250);
    expect(stored.find((s) => s.labels === '{component="c49"}')).toBeUndefined();
    // c0..c49 hold 1..50 MB.
    expect(stored.find((s) => s.labels === '{component="other"}')?.valueMb).toBe(1275);
    expect(stored.reduce((sum, s) => sum + s.valueMb, 0)).toBe((250 * 251) / 2);
    expect(capComponents({ a: 1, b: 2 }, 5)).toEqual({ components: { a: 1, b: 2 }, summed: 0 });
  });
});
