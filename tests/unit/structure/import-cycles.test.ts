import { describe, expect, it } from "vitest";
import { buildImportGraph, findCycles, resolveImport } from "@/tests/support/import-graph";
import { listSourceFiles } from "@/tests/support/source-files";

describe("findCycles", () => {
  it("finds a circle of any length and a self-import, and nothing in a chain", () => {
    const graph = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a", "d"]],
      ["d", []],
      ["e", ["e"]],
      ["f", ["d"]],
    ]);
    expect(findCycles(graph)).toEqual([["a", "b", "c"], ["e"]]);
    expect(findCycles(new Map([["a", ["b"]], ["b", ["c"]], ["c", []]]))).toEqual([]);
  });

  it("resolves the project's import forms to files", () => {
    expect(resolveImport("lib/alerts/plan-evaluation.ts", "./plan-notification")).toBe("lib/alerts/plan-notification.ts");
    expect(resolveImport("app/page.tsx", "@/lib/metrics/chart-marker")).toBe("lib/metrics/chart-marker.ts");
    expect(resolveImport("lib/x.ts", "zod")).toBeNull();
  });
});

describe("the source tree", () => {
  // Generated Prisma code has cycles of its own and is not ours to arrange.
  const files = listSourceFiles({ dirs: ["lib", "app", "worker", "supervisor", "scripts", "simulator", "bench"], skip: ["lib/generated"] });
  const graph = buildImportGraph(files);

  it("is read whole: the scanner sees the files and their imports", () => {
    expect(files.length).toBeGreaterThan(200);
    expect(graph.get("lib/console/get-target-view.ts")).toContain("lib/metrics/read-memory-series.ts");
    expect(graph.get("lib/console/group-chart-markers.ts")).toContain("lib/metrics/chart-marker.ts"); // an `import type`
  });

  it("has no import cycles", () => {
    expect(findCycles(graph).map((cycle) => cycle.join(" ↔ "))).toEqual([]);
  });
});
