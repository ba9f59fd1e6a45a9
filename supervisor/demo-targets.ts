import type { DemoTarget } from "@/supervisor/seed-demo";

// Three simulators, so a newcomer sees a leak develop toward an alert, a spike, and a
// healthy service side by side in the first minute.
export type DemoSimulator = DemoTarget & { scenario: string; port: number; seed: number; onset?: string };

export function demoSimulators(basePort: number): DemoSimulator[] {
  const sim = (offset: number, slug: string, name: string, scenario: string, onset?: string): DemoSimulator => ({
    slug,
    name,
    scenario,
    onset,
    port: basePort + offset,
    seed: 1000 + offset,
    baseUrl: `http://127.0.0.1:${basePort + offset}`,
  });
  return [
    // The leak's default onset (3 h before start) keeps the last three hours in its steady climb:
    // longer onsets reach out-of-memory restarts inside the diagnosis window, which then reads
    // as flat (measured: docs/decisions/0003-diagnosis-thresholds.md).
    sim(0, "freeagentics-api", "FreeAgentics API", "leak"),
    sim(1, "freeagentics-batch", "FreeAgentics batch API", "spike"),
    sim(2, "freeagentics-edge", "FreeAgentics edge API", "steady"),
  ];
}

/**
 * Headroom's own web and worker processes, watched as two more services of kind `prometheus`
 * (preset `process`), so the first real memory a newcomer sees is the console's own.
 */
export function demoSelfTargets(options: { webPort: number; workerMetricsPort: number }) {
  const self = (slug: string, name: string, port: number) => ({
    slug,
    name,
    kind: "prometheus",
    preset: "process",
    baseUrl: `http://127.0.0.1:${port}/metrics`,
    // A Node.js process of the console; the process preset reports no limit of its own.
    memoryLimitMb: 2048,
    configuredMemoryLimitMb: 2048,
  });
  return [self("headroom-web", "Headroom web (this console)", options.webPort), self("headroom-worker", "Headroom worker", options.workerMetricsPort)];
}
