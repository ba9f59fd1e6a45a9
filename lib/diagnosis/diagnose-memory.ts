import type { MemoryPoint } from "@/lib/metrics/memory-point";
import { buildNextSteps, componentTreeNodeIds, type NextStep } from "./build-next-steps";
import { classifyPattern, type MemoryPattern, type PatternEvidence } from "./classify-pattern";
import { defaultDiagnosisThresholds, type DiagnosisThresholds } from "./diagnosis-thresholds";
import { pickGrowingComponent, type ComponentSeries, type GrowingComponent } from "./pick-growing-component";

export type DiagnoseMemoryOptions = {
  /** Total memory over the window being diagnosed (the last hour, or the selected range). */
  total: readonly MemoryPoint[];
  components?: ComponentSeries;
  limitMb: number;
  thresholds?: Partial<DiagnosisThresholds>;
};

export type MemoryDiagnosis = {
  pattern: MemoryPattern;
  evidence: PatternEvidence;
  component: GrowingComponent | null;
  /** Ids of the decision-tree nodes taken, root first (see diagnosisTree). */
  path: string[];
  nextSteps: NextStep[];
};

/** The runbook's decision tree evaluated on data. */
export function diagnoseMemory({ total, components = {}, limitMb, thresholds }: DiagnoseMemoryOptions): MemoryDiagnosis {
  if (!(limitMb > 0)) throw new RangeError("limitMb must be above 0");
  const settings: DiagnosisThresholds = { ...defaultDiagnosisThresholds, ...thresholds };
  const { pattern, evidence } = classifyPattern({ samples: total, limitMb, thresholds: settings });
  const component = pickGrowingComponent({ components, edgeMs: settings.edgeMs });
  return {
    pattern,
    evidence,
    component,
    path: buildPath({ pattern, componentNode: component ? componentTreeNodeIds[component.key] : null }),
    nextSteps: buildNextSteps({ pattern, component: component?.key ?? null, currentUsage: evidence.currentUsage }),
  };
}

// "flat" answers the gradual question with neither branch: the tree has no node for
// it, so the question is on the path and no answer is. Too little data skips it.
function buildPath({ pattern, componentNode }: { pattern: MemoryPattern; componentNode: string | null }): string[] {
  const path = ["high-memory-alert"];
  if (pattern !== "insufficient_data") path.push("is-gradual-increase");
  if (pattern === "gradual") path.push("gradual-yes");
  if (pattern === "spike") path.push("gradual-no");
  path.push("which-component");
  if (componentNode) path.push(componentNode);
  return path;
}
