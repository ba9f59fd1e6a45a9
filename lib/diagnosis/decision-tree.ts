import type { RunbookActionId } from "./runbook-actions";

export type DecisionNode = {
  id: string;
  /** Copied verbatim from the runbook's "Diagnosis Decision Tree". */
  text: string;
  /** The runbook mitigation that carries out this check's usual remedy. */
  actionId?: RunbookActionId;
  children?: DecisionNode[];
};

const leaf = (id: string, text: string, actionId?: RunbookActionId): DecisionNode => (actionId ? { id, text, actionId } : { id, text });

/** The runbook's decision tree as data, in the runbook's order, for drawing and highlighting. */
export const diagnosisTree: DecisionNode = {
  id: "high-memory-alert",
  text: "High Memory Alert",
  children: [
    {
      id: "is-gradual-increase",
      text: "Is it gradual increase?",
      children: [
        {
          id: "gradual-yes",
          text: "Yes → Likely memory leak",
          children: [
            leaf("check-recent-deployments", "Check recent deployments"),
            leaf("review-memory-profiler-data", "Review memory profiler data", "heap-dump"),
            leaf("plan-rolling-restart", "Plan rolling restart", "rolling-restart"),
          ],
        },
        {
          id: "gradual-no",
          text: "No → Sudden spike",
          children: [
            leaf("check-concurrent-operations", "Check concurrent operations"),
            leaf("review-agent-pool-size", "Review agent pool size", "agent-pool-resize"),
            leaf("check-large-data-processing", "Check for large data processing"),
          ],
        },
      ],
    },
    {
      id: "which-component",
      text: "Which component?",
      children: [
        {
          id: "component-api-service",
          text: "API Service",
          children: [
            leaf("check-request-queue", "Check request queue"),
            leaf("review-websocket-connections", "Review WebSocket connections"),
            leaf("analyze-endpoint-memory-usage", "Analyze endpoint memory usage"),
          ],
        },
        {
          id: "component-agent-system",
          text: "Agent System",
          children: [
            leaf("check-active-agent-count", "Check active agent count", "agent-cleanup"),
            leaf("review-belief-state-sizes", "Review belief state sizes", "belief-compact"),
            leaf("check-coalition-formations", "Check coalition formations"),
          ],
        },
        {
          id: "component-database",
          text: "Database",
          children: [
            leaf("check-query-memory-usage", "Check query memory usage"),
            leaf("review-connection-count", "Review connection count", "db-pool-reset"),
            leaf("analyze-cache-hit-rates", "Analyze cache hit rates"),
          ],
        },
      ],
    },
  ],
};

export function findTreeNode({ id, node = diagnosisTree }: { id: string; node?: DecisionNode }): DecisionNode | null {
  if (node.id === id) return node;
  for (const child of node.children ?? []) {
    const found = findTreeNode({ id, node: child });
    if (found) return found;
  }
  return null;
}
