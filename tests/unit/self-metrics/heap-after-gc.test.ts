import v8 from "node:v8";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { headroomMetrics } from "@/lib/self-metrics/headroom-metrics";
import { parsePrometheus } from "@/lib/target-api/parse-prometheus";

// A full collection on demand, without starting Node with --expose-gc.
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

describe("headroom_heap_used_after_gc_bytes", () => {
  it("is the heap kept after a full collection, not the heap before it", async () => {
    const metrics = headroomMetrics();
    let garbage: unknown[] | null = Array.from({ length: 200_000 }, (_, i) => ({ i, s: `item ${i}` }));
    const withGarbage = process.memoryUsage().heapUsed;
    garbage = null;
    gc();
    await new Promise((r) => setTimeout(r, 50)); // the GC observer reports on a later tick
    const series = parsePrometheus(await metrics.registry.metrics()).find((s) => s.name === "headroom_heap_used_after_gc_bytes");
    expect(garbage).toBeNull();
    expect(series?.value).toBeGreaterThan(0);
    expect(series!.value).toBeLessThan(withGarbage);
  });
});
