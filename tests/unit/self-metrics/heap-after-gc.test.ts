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

describe("headroom_heap_objects_after_gc_bytes", () => {
  it("is the kept heap without compiled code: below the total by V8's code spaces, and it grows with kept objects", async () => {
    const metrics = headroomMetrics();
    const read = async () => {
      gc();
      await new Promise((r) => setTimeout(r, 50));
      const series = parsePrometheus(await metrics.registry.metrics());
      const value = (name: string) => series.find((s) => s.name === name)!.value;
      const code = v8.getHeapSpaceStatistics().filter((s) => s.space_name.startsWith("code")).reduce((sum, s) => sum + s.space_used_size, 0);
      return { total: value("headroom_heap_used_after_gc_bytes"), objects: value("headroom_heap_objects_after_gc_bytes"), code };
    };
    const before = await read();
    expect(before.code).toBeGreaterThan(0);
    expect(before.objects).toBeGreaterThan(0);
    expect(before.total - before.objects).toBeGreaterThan(0.5 * before.code);
    // 20 MB kept on the heap (a leak; a typed array's bytes would live outside it): the objects figure climbs by about that much.
    const kept = new Array<number>(2_621_440).fill(1.5);
    const after = await read();
    expect(kept).toHaveLength(2_621_440);
    expect(after.objects - before.objects).toBeGreaterThan(18 * 1024 * 1024);
  });
});
