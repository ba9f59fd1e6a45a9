import { describe, expect, it } from "vitest";
import { diagnosisTree, findTreeNode, type DecisionNode } from "@/lib/diagnosis/decision-tree";
import { runbookActionIds } from "@/lib/diagnosis/runbook-actions";

// The runbook's "Diagnosis Decision Tree" block, line by line without the drawing characters.
const runbookLines = [
  "High Memory Alert",
  "Is it gradual increase?",
  "Yes → Likely memory leak",
  "Check recent deployments",
  "Review memory profiler data",
  "Plan rolling restart",
  "No → Sudden spike",
  "Check concurrent operations",
  "Review agent pool size",
  "Check for large data processing",
  "Which component?",
  "API Service",
  "Check request queue",
  "Review WebSocket connections",
  "Analyze endpoint memory usage",
  "Agent System",
  "Check active agent count",
  "Review belief state sizes",
  "Check coalition formations",
  "Database",
  "Check query memory usage",
  "Review connection count",
  "Analyze cache hit rates",
];

function flatten(node: DecisionNode): DecisionNode[] {
  return [node, ...(node.children ?? []).flatMap(flatten)];
}

describe("diagnosisTree", () => {
  it("holds the runbook's nodes, verbatim and in order", () => {
    expect(flatten(diagnosisTree).map((n) => n.text)).toEqual(runbookLines);
  });

  it("has unique ids and links only known actions", () => {
    const nodes = flatten(diagnosisTree);
    expect(new Set(nodes.map((n) => n.id)).size).toBe(nodes.length);
    for (const node of nodes) {
      if (node.actionId) expect(runbookActionIds).toContain(node.actionId);
    }
  });

  it("finds nodes by id", () => {
    expect(findTreeNode({ id: "gradual-no" })?.text).toBe("No → Sudden spike");
    expect(findTreeNode({ id: "missing" })).toBeNull();
  });
});
