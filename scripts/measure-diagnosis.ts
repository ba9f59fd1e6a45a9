// The measurements behind docs/decisions/0003: the diagnosis run over the simulator's own
// scenarios, 40 three-hour windows each (seeds 100…139, end times 2.2 h apart, so every time of
// day is covered), and how often the answer changes when a window is shifted, scaled, scraped
// every 60 s instead of 15 s, or loses one sample.
// `npx tsx scripts/measure-diagnosis.ts [scenario…]` (about a minute per scenario).
import { diagnoseMemory, type MemoryDiagnosis } from "@/lib/diagnosis/diagnose-memory";
import type { ComponentSeries } from "@/lib/diagnosis/pick-growing-component";
import type { MemoryPoint } from "@/lib/metrics/memory-point";
import { simulateHistory } from "@/simulator/model/simulate-history";
import type { ScenarioName } from "@/lib/target-api/schemas";

const HOUR = 3_600_000;
const WINDOW_MS = 3 * HOUR;
const LIMIT_MB = 4096;
const BASE_END = Date.UTC(2026, 10, 20, 0, 0);
const requested = process.argv.slice(2).filter((a) => a !== "--") as ScenarioName[];
const scenarios: ScenarioName[] = requested.length > 0 ? requested : ["leak", "spike", "steady"];

type Window = { total: MemoryPoint[]; components: ComponentSeries };

function simulateWindow(scenario: ScenarioName, i: number, stepMs = 15_000): Window {
  const points = simulateHistory({ endMs: BASE_END + i * 2.2 * HOUR, seed: 100 + i, scenario, durationMs: WINDOW_MS, stepMs });
  const components: Record<string, MemoryPoint[]> = {};
  for (const key of Object.keys(points[0].components)) {
    components[key] = points.map((p) => ({ t: p.t, valueMb: p.components[key as keyof typeof p.components] }));
  }
  return { total: points.map((p) => ({ t: p.t, valueMb: p.usedMb })), components };
}

const diagnose = (w: Window, limitMb = LIMIT_MB): MemoryDiagnosis => diagnoseMemory({ total: w.total, components: w.components, limitMb });
const mapValues = (w: Window, f: (v: number) => number): Window => ({
  total: w.total.map((p) => ({ t: p.t, valueMb: f(p.valueMb) })),
  components: Object.fromEntries(Object.entries(w.components).map(([k, s]) => [k, s.map((p) => ({ t: p.t, valueMb: f(p.valueMb) }))])),
});
const increment = (counts: Record<string, number>, key: string) => void (counts[key] = (counts[key] ?? 0) + 1);

for (const scenario of scenarios) {
  const patterns: Record<string, number> = {};
  const components: Record<string, number> = {};
  const flips = { constant: 0, scaled: 0, spacing60s: 0, droppedSample: 0 };
  for (let i = 0; i < 40; i += 1) {
    const window = simulateWindow(scenario, i);
    const diagnosis = diagnose(window);
    increment(patterns, diagnosis.pattern);
    increment(components, `${diagnosis.pattern}:${diagnosis.component?.key ?? "none"}`);
    const offset = 500;
    if (diagnose(mapValues(window, (v) => v + offset)).pattern !== diagnosis.pattern) flips.constant += 1;
    if (diagnose(mapValues(window, (v) => v * 2), LIMIT_MB * 2).pattern !== diagnosis.pattern) flips.scaled += 1;
    if (diagnose(simulateWindow(scenario, i, 60_000)).pattern !== diagnosis.pattern) flips.spacing60s += 1;
    const drop = Math.floor(window.total.length / 2);
    const dropped = { total: window.total.filter((_, j) => j !== drop), components: window.components };
    if (diagnose(dropped).pattern !== diagnosis.pattern) flips.droppedSample += 1;
  }
  console.log(JSON.stringify({ scenario, windows: 40, patterns, components, flips }));
}
