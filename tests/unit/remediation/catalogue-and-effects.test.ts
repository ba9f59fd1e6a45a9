import { describe, expect, it } from "vitest";
import { roleFromClaim } from "@/lib/auth/oidc-role";
import { runbookActionIds } from "@/lib/diagnosis/runbook-actions";
import { actionCatalogue, defaultParams, getActionDefinition } from "@/lib/remediation/action-catalogue";
import { describeEffect } from "@/lib/remediation/effects/describe-effect";
import { planEffect } from "@/lib/remediation/effects/plan-effect";
import { heapDumpFilename } from "@/lib/remediation/run/start-heap-dump";

describe("the action catalogue", () => {
  it("covers every runbook action the diagnosis links to, once", () => {
    expect(actionCatalogue.map((a) => a.id).sort()).toEqual([...runbookActionIds].sort());
  });

  it("asks a second person for exactly the destructive actions, and a lead to run them", () => {
    for (const action of actionCatalogue) {
      expect(action.secondPerson).toBe(action.risk === "destructive");
      expect(action.permission).toBe(`run:remediation:${action.risk}`);
      expect(action.requestPermission).toBe(action.risk === "destructive" ? "run:remediation:disruptive" : action.permission);
    }
    expect(actionCatalogue.filter((a) => a.risk === "destructive").map((a) => a.id).sort()).toEqual(["db-pool-reset", "emergency-restart", "redis-expired-cleanup", "rolling-restart"]);
  });

  it("parses parameters within the runbook's ranges", () => {
    const pool = getActionDefinition("agent-pool-resize").params;
    expect(pool.parse({})).toEqual({ max_size: 50 });
    expect(pool.safeParse({ max_size: 1000 }).success).toBe(true);
    for (const bad of [0, 1001, 2.5, "50", null]) expect(pool.safeParse({ max_size: bad }).success).toBe(false);
    expect(pool.safeParse({ max_size: 50, extra: 1 }).success).toBe(false);
    const beliefs = getActionDefinition("belief-compression");
    expect(beliefs.params.parse({})).toEqual({ belief_size_limit_mb: 10 });
    expect(beliefs.params.safeParse({ belief_size_limit_mb: 1025 }).success).toBe(false);
    expect(beliefs.endpoint.kind === "http" && beliefs.endpoint.body?.({ belief_size_limit_mb: 12 })).toEqual({ belief_compression: true, belief_size_limit_mb: 12 });
    expect(defaultParams(getActionDefinition("redis-expired-cleanup"))).toEqual({ batch_size: 500 });
  });
});

describe("effects in plain words", () => {
  const base = { status: "complete", beforeMb: 2600, beforeAt: "x", after1mMb: 1988, after5mMb: 2003, growthBeforeMbPer5m: 40.2, growthAfterMbPer5m: 3 } as const;
  it("says what was freed and how growth changed", () => {
    expect(describeEffect(base)).toBe("freed 612 MB; growth slowed from +40 to +3.0 MB/5 min; 5 min later 2,003 MB (−597 MB from before)");
    expect(describeEffect({ ...base, after1mMb: 2700, growthAfterMbPer5m: 80 })).toMatch(/^memory rose 100 MB; growth sped up from \+40 to \+80/);
    expect(describeEffect({ ...base, status: "not_applicable" })).toBeNull();
  });

  it("plans the 1- and 5-minute figures from the first sample after each point", () => {
    const finishedAt = new Date(0);
    const row = { id: 1, targetId: 1, finishedAt, memoryAfter1mMb: null, memoryAfter5mMb: null, growthAfterMbPer5m: null, target: { memoryLimitMb: 4096 } };
    const samples = Array.from({ length: 30 }, (_, i) => ({ t: (i + 1) * 15_000, valueMb: 1000 + i }));
    expect(planEffect(row, samples, new Date(90_000))).toMatchObject({ memoryAfter1mMb: 1003, memoryAfter5mMb: null, effectStatus: "partial" });
    expect(planEffect(row, samples, new Date(400_000))).toMatchObject({ memoryAfter1mMb: 1003, memoryAfter5mMb: 1019, effectStatus: "complete" });
    expect(planEffect(row, [], new Date(30 * 60_000))).toMatchObject({ effectStatus: "unavailable" });
  });
});

describe("small rules", () => {
  it("names heap dumps as the runbook does", () => {
    expect(heapDumpFilename(new Date("2026-11-28T13:41:31.585Z"))).toBe("memory_dump_20261128_134131.json");
  });

  it("maps an OIDC claim to the highest role it names, default viewer", () => {
    expect(roleFromClaim("lead")).toBe("lead");
    expect(roleFromClaim(["staff", "responder", "viewer"])).toBe("responder");
    expect(roleFromClaim("viewer admin")).toBe("admin");
    expect(roleFromClaim(undefined)).toBe("viewer");
    expect(roleFromClaim({ role: "admin" })).toBe("viewer");
  });
});
