import { describe, expect, it } from "vitest";
import { attributeConsumerGrowth, type ConsumerStart } from "@/lib/console/attribute-consumer-growth";
import { compareUrgency, type UrgencyFacts } from "@/lib/console/compare-urgency";
import { pickConsumerCallout } from "@/lib/console/pick-consumer-callout";
import { diagnoseMemory } from "@/lib/diagnosis/diagnose-memory";
import { formatLabels } from "@/lib/metrics/sample";
import type { MemoryTop } from "@/lib/target-api/schemas";
import { advanceModel, createModel } from "@/simulator/model/create-model";
import { samplesBetween } from "@/simulator/model/history";
import { memoryTop } from "@/simulator/views/memory-views";
import { HOUR, toSeries } from "@/tests/support/simulator-series";

const T0 = Date.UTC(2025, 0, 15, 14);

/**
 * The spiking service, scraped as the collector does (top 20 consumers every 15 s) from `leadMs`
 * before its next data import arrived until `afterMs` after: what readConsumerGrowth reads back.
 */
function scrapeSpike(options: { seed: number; leadMs: number; afterMs: number }) {
  const probe = createModel({ nowMs: T0, seed: options.seed, scenario: "spike", historyMs: 4 * HOUR });
  const importAt = probe.scenario.nextSpikeMs!;
  const model = createModel({ nowMs: T0, seed: options.seed, scenario: "spike", historyMs: 4 * HOUR });
  const firstSeen = new Map<string, { at: number; valueMb: number }>();
  const collectingSince = Math.ceil((importAt - options.leadMs) / 15_000) * 15_000;
  let top: MemoryTop | null = null;
  for (let t = collectingSince; t <= importAt + options.afterMs; t += 15_000) {
    advanceModel(model, t);
    top = memoryTop(model, 20);
    for (const c of top.consumers) {
      const key = formatLabels({ component: c.component, name: c.name });
      if (!firstSeen.has(key)) firstSeen.set(key, { at: t, valueMb: c.memory_mb });
    }
  }
  const starts: ConsumerStart[] = top!.consumers.map((c) => {
    const seen = firstSeen.get(formatLabels({ component: c.component, name: c.name }));
    return { valueMb: seen?.valueMb ?? null, at: seen?.at ?? null };
  });
  const end = importAt + options.afterMs;
  return { top: top!, starts, collectingSince, importAt, window: toSeries(samplesBetween(model.history, end - 3 * HOUR, end, 15_000)) };
}

describe("the spike's culprit (the simulator's spiking service)", () => {
  it("counts a consumer that appeared in the range as grown from nothing, and names it as explaining the jump", () => {
    // Consumers collected from 75 s before the import: as on a console started just before the spike.
    const scraped = scrapeSpike({ seed: 3, leadMs: 75_000, afterMs: 4 * 60_000 });
    const consumers = attributeConsumerGrowth({ consumers: scraped.top.consumers, starts: scraped.starts, collectingSince: scraped.collectingSince, slackMs: 30_000 });
    const imported = consumers.find((c) => c.name.startsWith("operation data_import"))!;
    expect(imported).toMatchObject({ appeared: true, startMb: 0 });
    expect(imported.growthMb).toBe(imported.currentMb);
    expect(imported.appearedAt!).toBeGreaterThanOrEqual(scraped.importAt);
    expect(imported.currentMb).toBeGreaterThan(1000);

    const diagnosis = diagnoseMemory({ ...scraped.window, limitMb: 4096 });
    expect(diagnosis.pattern).toBe("spike");
    const callout = pickConsumerCallout({ consumers, diagnosis });
    expect(callout).toMatchObject({ name: imported.name, reason: "explains_jump", appeared: true });
    expect(callout!.growthMb).toBeGreaterThanOrEqual(0.5 * diagnosis.evidence.largestJumpMb!);
  }, 60_000);

  it("without a spike, names the consumer growing most as such", () => {
    const consumers = attributeConsumerGrowth({
      consumers: [
        { name: "agent_system.orphaned_agents", component: "agent_system", memory_mb: 600, percent: 20, count: 10, description: "" },
        { name: "cache.live_entries", component: "cache", memory_mb: 300, percent: 10, count: 1, description: "" },
      ],
      starts: [{ valueMb: 400, at: T0 }, { valueMb: 310, at: T0 }],
      collectingSince: T0,
      slackMs: 30_000,
    });
    const callout = pickConsumerCallout({ consumers, diagnosis: { pattern: "gradual", evidence: { largestJumpMb: 90, largestJumpAt: null, largestJumpFrom: null, largestJumpTo: null } } });
    expect(callout).toMatchObject({ name: "agent_system.orphaned_agents", growthMb: 200, reason: "growing_most" });
    expect(consumers[1]).toMatchObject({ appeared: false, growthMb: -10 });
  });
});

describe("a consumer that appeared after the diagnosed jump", () => {
  // Seen in CI: the diagnosed jump was the service's first spike; a second import arrived after
  // it let go. Naming that import as the first jump's cause would send the engineer to the wrong moment.
  const jumpFrom = T0 + 10 * 60_000;
  const spike = { pattern: "spike" as const, evidence: { largestJumpMb: 1540, largestJumpAt: jumpFrom + 90_000, largestJumpFrom: jumpFrom, largestJumpTo: jumpFrom + 150_000 } };
  const importAt = (at: number) =>
    attributeConsumerGrowth({
      consumers: [{ name: "operation data_import op-014598", component: "api_service", memory_mb: 1066, percent: 30, count: 1, description: "" }],
      starts: [{ valueMb: 40, at }],
      collectingSince: T0,
      slackMs: 30_000,
    });

  it("is named as growing most, not as explaining a jump it was not there for", () => {
    const callout = pickConsumerCallout({ consumers: importAt(jumpFrom + 7 * 60_000), diagnosis: spike });
    expect(callout).toMatchObject({ name: "operation data_import op-014598", appeared: true, growthMb: 1066, reason: "growing_most" });
  });

  it("is named as explaining the jump when it arrived with it", () => {
    const callout = pickConsumerCallout({ consumers: importAt(jumpFrom + 30_000), diagnosis: spike });
    expect(callout).toMatchObject({ name: "operation data_import op-014598", reason: "explains_jump" });
  });
});

describe("the overview's order", () => {
  const service = (name: string, facts: Partial<UrgencyFacts> & { minutes?: number | null }) => ({
    name,
    stateRank: facts.stateRank ?? 4,
    percent: facts.percent ?? 50,
    forecast: { timeToLimitMinutes: facts.minutes ?? null, notProjected: facts.minutes == null ? ("not_growing" as const) : null },
  });
  const order = (list: ReturnType<typeof service>[]) => [...list].sort(compareUrgency).map((s) => s.name);

  it("puts a service projected to reach its limit above a fuller flat one, soonest first, alert state before all", () => {
    const edge = service("edge (flat, fuller)", { percent: 70 });
    const api = service("api (leaking)", { percent: 55, minutes: 12 * 60 });
    const batch = service("batch (leaking faster)", { percent: 40, minutes: 3 * 60 });
    const firing = service("firing", { stateRank: 1, percent: 86 });
    expect(order([edge, api, batch, firing])).toEqual(["firing", "batch (leaking faster)", "api (leaking)", "edge (flat, fuller)"]);
  });

  it("orders services that are not projected by how full they are", () => {
    expect(order([service("a", { percent: 30 }), service("b", { percent: 60 })])).toEqual(["b", "a"]);
  });
});
