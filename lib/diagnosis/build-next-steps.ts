import { findTreeNode } from "./decision-tree";
import type { MemoryPattern } from "./classify-pattern";
import type { ComponentKey } from "./pick-growing-component";
import { runbookSteps, type RunbookActionId } from "./runbook-actions";

export type NextStep = { id: string; text: string; section: string; actionId?: RunbookActionId };

const treeSection = "Diagnosis Decision Tree";

/** Tree node for each component; cache and Redis have no branch in the runbook's tree. */
export const componentTreeNodeIds: Record<ComponentKey, string | null> = {
  api_service: "component-api-service",
  agent_system: "component-agent-system",
  database: "component-database",
  cache: null,
  redis: null,
};

// The remedies the runbook gives elsewhere for a component, beyond its tree checks.
const componentExtras: Record<ComponentKey, NextStep[]> = {
  api_service: [],
  agent_system: [runbookSteps.forceAgentCleanup, runbookSteps.enableBeliefCompression, runbookSteps.clearOversizedBeliefs],
  database: [runbookSteps.resetDbPool],
  cache: [runbookSteps.clearExpiredCache],
  redis: [runbookSteps.checkRedisMemory, runbookSteps.analyzeRedisKeys, runbookSteps.cleanRedisExpiredKeys],
};

export type BuildNextStepsOptions = {
  pattern: MemoryPattern;
  component: ComponentKey | null;
  /** Latest used/limit ratio; above 0.95 the runbook's critical restarts apply. */
  currentUsage: number | null;
};

/**
 * Checks of the tree branches taken, then the component's remedies, then the
 * runbook's immediate actions. One step per action: the first, most specific
 * wording wins.
 */
export function buildNextSteps({ pattern, component, currentUsage }: BuildNextStepsOptions): NextStep[] {
  const branch = pattern === "gradual" ? "gradual-yes" : pattern === "spike" ? "gradual-no" : null;
  const componentNode = component ? componentTreeNodeIds[component] : null;
  const candidates: NextStep[] = [
    ...treeLeaves(branch),
    ...treeLeaves(componentNode),
    ...(component ? componentExtras[component] : []),
    runbookSteps.clearExpiredCache,
    runbookSteps.reduceAgentPool,
    runbookSteps.forceGc,
    ...(currentUsage !== null && currentUsage > 0.95 ? [runbookSteps.rollingRestart, runbookSteps.emergencyRestart] : []),
  ];
  const seenIds = new Set<string>();
  const seenActions = new Set<RunbookActionId>();
  return candidates.filter((step) => {
    if (seenIds.has(step.id) || (step.actionId && seenActions.has(step.actionId))) return false;
    seenIds.add(step.id);
    if (step.actionId) seenActions.add(step.actionId);
    return true;
  });
}

function treeLeaves(nodeId: string | null): NextStep[] {
  if (!nodeId) return [];
  const node = findTreeNode({ id: nodeId });
  return (node?.children ?? []).map((leaf) => ({
    id: leaf.id,
    text: leaf.text,
    section: treeSection,
    ...(leaf.actionId ? { actionId: leaf.actionId } : {}),
  }));
}
