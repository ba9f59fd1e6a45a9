import type { Snapshots } from "@/lib/console/read-snapshots";

/** The runbook's "long-running operations" query: `operations?status=running&duration_gt=300`. */
export const LONG_RUNNING_S = 300;
/** The runbook's large-belief-states query takes the top 5 agents by memory. */
export const TOP_AGENTS = 5;
/** Rows the long-running panel lists. */
export const LONG_OPERATIONS_SHOWN = 8;

/**
 * What the investigation panels show, chosen on the server: the top agents by memory and the
 * long-running operations, not the whole documents. A busy target reports hundreds of agents
 * and operations (40 kB of the page's 105 kB on the demo's spiking service), which would travel
 * to every browser on every refresh only to be cut there. Totals (`count`, `total_mb`) stay.
 */
export function selectInvestigation(snapshots: Snapshots): Snapshots {
  const { agents, operations } = snapshots;
  return {
    ...snapshots,
    agents: agents && {
      ...agents,
      data: { ...agents.data, agents: [...agents.data.agents].sort((a, b) => b.memory_mb - a.memory_mb).slice(0, TOP_AGENTS) },
    },
    operations: operations && {
      ...operations,
      data: {
        ...operations.data,
        operations: operations.data.operations.filter((o) => o.status === "running" && o.duration_s > LONG_RUNNING_S).slice(0, LONG_OPERATIONS_SHOWN),
      },
    },
  };
}
