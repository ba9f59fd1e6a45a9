import { startOperation } from "./operations";
import { MINUTE_MS, profile } from "./profile";
import type { Coalition, Instance, TickContext } from "./types";

const c = profile.coalitions;

export const coalitionMb = (coalition: Coalition): number => coalition.overheadMb + coalition.memberIds.size * c.memberMb;

/** Active agents team up into short-lived coalitions; forming one is an operation with its own working set. */
export function tickCoalitions(ctx: TickContext, concurrency: number): void {
  const { instance, rng, t } = ctx;
  dissolveDue(instance, t);
  const formations = rng.poisson(c.formationPerMin * ctx.load * ctx.dtMin * concurrency);
  for (let n = 0; n < formations; n += 1) {
    const candidates = instance.agents.filter((a) => a.status === "active" && a.coalitionId === null);
    const size = rng.int(c.size[0], c.size[1]);
    if (candidates.length < size) return;
    instance.coalitionSeq += 1;
    const coalition: Coalition = {
      id: `coal-${String(instance.coalitionSeq).padStart(5, "0")}`,
      memberIds: new Set(),
      overheadMb: rng.uniform(c.overheadMb[0], c.overheadMb[1]),
      dissolveAtMs: t + rng.uniform(c.lifetimeMin[0], c.lifetimeMin[1]) * MINUTE_MS,
    };
    for (let i = 0; i < size; i += 1) {
      const [agent] = candidates.splice(rng.int(0, candidates.length - 1), 1);
      agent.coalitionId = coalition.id;
      coalition.memberIds.add(agent.id);
    }
    instance.coalitions.push(coalition);
    instance.coalitionTotals.formed += 1;
    startOperation(instance, t, {
      type: "coalition_formation",
      component: "agent_system",
      peakMb: rng.uniform(10, 60),
      durationMs: rng.uniform(10, 90) * 1_000,
    });
  }
}

/** Members go back to working alone; orphans keep the dead coalition's id, as the leaked reference does. */
function dissolveDue(instance: Instance, t: number): void {
  const due = instance.coalitions.filter((coalition) => coalition.dissolveAtMs <= t);
  if (due.length === 0) return;
  const dueIds = new Set(due.map((coalition) => coalition.id));
  for (const agent of instance.agents) {
    if (agent.status !== "orphaned" && agent.coalitionId !== null && dueIds.has(agent.coalitionId)) agent.coalitionId = null;
  }
  instance.coalitions = instance.coalitions.filter((coalition) => !dueIds.has(coalition.id));
  instance.coalitionTotals.dissolved += due.length;
}
