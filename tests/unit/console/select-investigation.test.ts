import { describe, expect, it } from "vitest";
import type { Snapshots } from "@/lib/console/read-snapshots";
import { LONG_OPERATIONS_SHOWN, LONG_RUNNING_S, TOP_AGENTS, selectInvestigation } from "@/lib/console/select-investigation";

const at = "2026-12-01T20:00:00.000Z";
const agent = (i: number) => ({
  agent_id: `agent-${i}`,
  status: "active" as const,
  // Not in size order, so the selection has to sort.
  memory_mb: (i * 37) % 101,
  belief_state_mb: 1,
  belief_compressed: false,
  coalition_id: null,
  created_at: at,
  last_active_at: at,
});
const operation = (i: number, status: "running" | "completed", durationS: number) => ({
  id: `op-${i}`,
  operation_type: "data_import",
  component: "api_service" as const,
  status,
  started_at: at,
  finished_at: status === "running" ? null : at,
  duration_s: durationS,
  memory_delta_mb: 0,
  memory_mb: 10,
});

function snapshots(): Snapshots {
  return {
    memory: null,
    top: null,
    lifecycle: null,
    websocket: null,
    agents: { capturedAt: at, data: { timestamp: at, count: 300, total_mb: 9000, belief_compression: false, belief_size_limit_mb: 50, agents: Array.from({ length: 300 }, (_, i) => agent(i)) } },
    operations: {
      capturedAt: at,
      data: {
        timestamp: at,
        count: 40,
        operations: Array.from({ length: 40 }, (_, i) => operation(i, i % 3 === 0 ? "completed" : "running", i % 2 === 0 ? LONG_RUNNING_S + 1 : LONG_RUNNING_S)),
      },
    },
  };
}

describe("selectInvestigation", () => {
  it("keeps the top agents by memory and the totals", () => {
    const all = snapshots().agents!.data.agents;
    const kept = selectInvestigation(snapshots()).agents!.data;
    expect(kept.agents.map((a) => a.memory_mb)).toEqual(all.map((a) => a.memory_mb).sort((a, b) => b - a).slice(0, TOP_AGENTS));
    expect(kept).toMatchObject({ count: 300, total_mb: 9000 });
  });

  it("keeps only operations running longer than the runbook's 300 s, newest first, as many as the panel lists", () => {
    const kept = selectInvestigation(snapshots()).operations!.data;
    const expected = snapshots().operations!.data.operations.filter((o) => o.status === "running" && o.duration_s > LONG_RUNNING_S).slice(0, LONG_OPERATIONS_SHOWN);
    expect(expected.length).toBeGreaterThan(0);
    expect(kept.operations).toEqual(expected);
    expect(kept.operations.every((o) => o.status === "running" && o.duration_s > LONG_RUNNING_S)).toBe(true);
    expect(kept.count).toBe(40);
  });

  it("leaves a target that has not answered those endpoints without them", () => {
    const none = { ...snapshots(), agents: null, operations: null };
    expect(selectInvestigation(none)).toEqual(none);
  });
});
