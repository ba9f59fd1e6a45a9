import { describe, expect, it } from "vitest";
import { diagnoseMemory } from "@/lib/diagnosis/diagnose-memory";
import { defaultDiagnosisThresholds } from "@/lib/diagnosis/diagnosis-thresholds";
import type { MemoryPoint } from "@/lib/metrics/memory-point";
import { HOUR, simulatedWindow, simulateWithActions } from "@/tests/support/simulator-series";

const limitMb = 4096;
// Mid-afternoon UTC, near the simulator's busiest hour: the leak runs at a clear pace.
const T0 = Date.UTC(2025, 0, 15, 14);
// Each case simulates hours of the service's life.
const timeout = 60_000;

describe("after a mitigation (the simulator's leak, remediated on the model)", () => {
  it("still diagnoses the leak after a restart brought memory down, and says by what and when", () => {
    const sim = simulateWithActions({ scenario: "leak", seed: 7, startMs: T0, minutes: 45, actions: [{ id: 5, atMinute: 0, kind: "restart" }] });
    // Without the record of the restart the drop hides the leak: the case this guards.
    expect(diagnoseMemory({ total: sim.total, components: sim.components, limitMb }).pattern).toBe("flat");

    const diagnosis = diagnoseMemory({ total: sim.total, components: sim.components, limitMb, interventions: sim.interventions });
    expect(diagnosis.pattern).toBe("gradual");
    expect(diagnosis.mitigation).toMatchObject({ actions: [{ id: 5, label: "Rolling restart", restart: true }], at: T0 + 1, patternBefore: "gradual" });
    expect(diagnosis.mitigation!.dropMb).toBeGreaterThan(1000);
    expect(["too_soon", "growing"]).toContain(diagnosis.mitigation!.status);
    expect(diagnosis.path).toContain("gradual-yes");
    expect(diagnosis.nextSteps.map((s) => s.id)).toContain("plan-rolling-restart");
    // The agent system leaks; after its drop is added back it is the component, not Redis.
    expect(diagnosis.component?.key).toBe("agent_system");
  }, timeout);

  it("says it is growing again once the growth since the restart is beyond doubt", () => {
    const sim = simulateWithActions({ scenario: "leak", seed: 7, startMs: T0, minutes: 150, actions: [{ id: 5, atMinute: 0, kind: "restart" }] });
    const diagnosis = diagnoseMemory({ total: sim.total, components: sim.components, limitMb, interventions: sim.interventions });
    expect(diagnosis.pattern).toBe("gradual");
    expect(diagnosis.mitigation?.status).toBe("growing");
    expect(diagnosis.mitigation!.since.lowMbPer5m).toBeGreaterThan(0);
    expect(diagnosis.mitigation!.since.minutes).toBeCloseTo(150, 0);
  }, timeout);

  it("keeps the leak branch after an orphan cleanup until the growth has stayed away long enough", () => {
    const sim = simulateWithActions({ scenario: "leak", seed: 9, startMs: T0, minutes: 45, actions: [{ id: 3, atMinute: 0, kind: "agent-cleanup" }], scenarioAfter: "steady" });
    const diagnosis = diagnoseMemory({ total: sim.total, components: sim.components, limitMb, interventions: sim.interventions });
    expect(diagnosis.mitigation?.status).toBe("too_soon");
    expect(diagnosis.mitigation!.flatAfterMinutes).toBeGreaterThan(45);
    expect(diagnosis.pattern).toBe("gradual");
  }, timeout);

  it("lets the leak go once the fix held for longer than the leak needed to show", () => {
    const sim = simulateWithActions({ scenario: "leak", seed: 9, startMs: T0, minutes: 100, actions: [{ id: 3, atMinute: 0, kind: "agent-cleanup" }], scenarioAfter: "steady" });
    const diagnosis = diagnoseMemory({ total: sim.total, components: sim.components, limitMb, interventions: sim.interventions });
    expect(diagnosis.mitigation).toMatchObject({ status: "flat", patternBefore: "gradual" });
    expect(diagnosis.mitigation!.since.minutes).toBeGreaterThanOrEqual(diagnosis.mitigation!.flatAfterMinutes);
    expect(diagnosis.pattern).not.toBe("gradual");
    expect(diagnosis.path).not.toContain("gradual-yes");
  }, timeout);

  it("does not count an action whose drop does not stand out from noise (GC) as a mitigation", () => {
    const sim = simulateWithActions({ scenario: "leak", seed: 7, startMs: T0, minutes: 30, actions: [{ id: 2, atMinute: 0, kind: "gc" }] });
    const diagnosis = diagnoseMemory({ total: sim.total, components: sim.components, limitMb, interventions: sim.interventions });
    expect(sim.freedMb.get(2)).toBeLessThan(defaultDiagnosisThresholds.riseNoiseFactor * diagnosis.evidence.noiseMb!);
    expect(diagnosis.mitigation).toBeNull();
  }, timeout);
});

describe("which component (the simulator's steady and leaking services)", () => {
  /** The diagnoses with the given pattern, of five afternoons on different days. */
  const diagnosedAs = (scenario: "steady" | "leak", pattern: "flat" | "gradual") =>
    // Afternoons on different days: the leak slows at night with the traffic (decision 0003).
    Array.from({ length: 5 }, (_, i) => simulatedWindow({ scenario, seed: 200 + i, endMs: T0 + i * 24 * HOUR + (i % 4) * HOUR }))
      .map((window) => diagnoseMemory({ ...window, limitMb }))
      .filter((diagnosis) => diagnosis.pattern === pattern);

  it("names no component on a flat service, and says which one moved most as information", () => {
    const flat = diagnosedAs("steady", "flat");
    for (const diagnosis of flat) {
      expect(diagnosis.component).toBeNull();
      expect(diagnosis.path).toEqual(["high-memory-alert", "is-gradual-increase", "which-component"]);
      expect(diagnosis.mostMoved).not.toBeNull();
    }
    expect(flat.length).toBeGreaterThanOrEqual(4);
  }, timeout);

  it("names the agent system on the leaking service whenever the leak is diagnosed", () => {
    const gradual = diagnosedAs("leak", "gradual");
    for (const diagnosis of gradual) {
      expect(diagnosis.component?.key).toBe("agent_system");
      expect(diagnosis.component!.growthMb).toBeGreaterThanOrEqual(defaultDiagnosisThresholds.riseNoiseFactor * diagnosis.component!.noiseMb);
    }
    expect(gradual.length).toBeGreaterThanOrEqual(4);
  }, timeout);

  it("does not name a component whose own churn is larger than its growth, even while the total grows", () => {
    const threeHours = (valueAt: (m: number) => number): MemoryPoint[] => Array.from({ length: 721 }, (_, i) => ({ t: T0 + i * 15_000, valueMb: valueAt(i / 4) }));
    // Agents come and go in waves of up to ±150 MB held for 5 minutes, and end 120 MB up.
    const wave = (m: number) => 150 * Math.sin(Math.floor(m / 5) * 2.4);
    const agents = threeHours((m) => 800 + wave(m) + (120 * m) / 180);
    const leak = threeHours((m) => 2000 + (400 * m) / 180);
    const withCache = diagnoseMemory({ total: leak, components: { agent_system: agents, cache: threeHours((m) => 100 + (400 * m) / 180) }, limitMb });
    expect(withCache.pattern).toBe("gradual");
    expect(withCache.component?.key).toBe("cache");
    const alone = diagnoseMemory({ total: leak, components: { agent_system: agents }, limitMb });
    expect(alone.component).toBeNull();
    expect(alone.mostMoved?.key).toBe("agent_system");
    expect(alone.mostMoved!.changeMb).toBeGreaterThan(82);
    expect(alone.mostMoved!.changeMb).toBeLessThan(alone.mostMoved!.minChangeMb);
    expect(alone.path.at(-1)).toBe("which-component");
  }, timeout);
});
