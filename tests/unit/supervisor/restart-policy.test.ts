import { describe, expect, it } from "vitest";
import { DEFAULT_RESTART_POLICY, NO_CRASHES, decideRestart, type CrashHistory, type RestartDecision } from "@/supervisor/restart-policy";

const policy = DEFAULT_RESTART_POLICY;

/** Crashes at the given times (s), each after `uptimeS` of running; the decisions in order. */
function crashAt(times: number[], uptimeS = 0.5): RestartDecision[] {
  let history: CrashHistory = NO_CRASHES;
  return times.map((t) => {
    const decision = decideRestart({ history, at: t * 1000, uptimeMs: uptimeS * 1000, policy });
    history = decision.history;
    return decision;
  });
}

const delays = (decisions: RestartDecision[]) => decisions.map((d) => (d.kind === "restart" ? d.delayMs : d.kind));

describe("restart policy", () => {
  it("backs off 1 s, 2 s, 4 s, 8 s for a process that keeps dying at once", () => {
    expect(delays(crashAt([0, 1, 3, 7]))).toEqual([1000, 2000, 4000, 8000]);
  });

  it("caps the wait", () => {
    const spread = [0, 100, 200, 300, 400, 500, 600]; // 100 s apart: never five within a minute
    expect(delays(crashAt(spread, 1))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
  });

  it("gives up at the fifth crash within 60 s, saying so", () => {
    const decisions = crashAt([0, 1, 3, 7, 15]);
    expect(decisions.at(-1)).toEqual({ kind: "give-up", reason: "5 crashes within 60 s", history: expect.anything() });
  });

  it("does not count crashes that left the window", () => {
    // Five crashes, but the first fell out of the 60 s window before the fifth.
    expect(delays(crashAt([0, 20, 40, 55, 61], 1)).at(-1)).not.toBe("give-up");
    expect(delays(crashAt([0, 20, 40, 55, 59], 1)).at(-1)).toBe("give-up");
  });

  it("starts the backoff over after a process stayed up for a while", () => {
    const history: CrashHistory = { crashes: [0], inARow: 3 };
    const shortLived = decideRestart({ history, at: 10_000, uptimeMs: 29_000, policy });
    const stable = decideRestart({ history, at: 40_000, uptimeMs: 30_000, policy });
    expect(shortLived).toMatchObject({ kind: "restart", delayMs: 8000 });
    expect(stable).toMatchObject({ kind: "restart", delayMs: 1000, history: { inARow: 1 } });
  });

  it("follows a stricter or looser policy", () => {
    const loose = { ...policy, maxCrashes: 12 };
    let history: CrashHistory = NO_CRASHES;
    const kinds = [0, 1, 3, 7, 15, 25, 35].map((t) => {
      const d = decideRestart({ history, at: t * 1000, uptimeMs: 0, policy: loose });
      history = d.history;
      return d.kind;
    });
    expect(kinds.every((k) => k === "restart")).toBe(true);
    expect(decideRestart({ history: NO_CRASHES, at: 0, uptimeMs: 0, policy: { ...policy, maxCrashes: 1 } }).kind).toBe("give-up");
  });
});
