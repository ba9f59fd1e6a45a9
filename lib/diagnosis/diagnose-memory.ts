import type { MemoryPoint } from "@/lib/metrics/memory-point";
import { buildNextSteps, componentTreeNodeIds, type NextStep } from "./build-next-steps";
import { classifyPattern, type MemoryPattern, type PatternEvidence } from "./classify-pattern";
import { defaultDiagnosisThresholds, type DiagnosisThresholds } from "./diagnosis-thresholds";
import type { Intervention } from "./find-mitigations";
import { judgeMitigations, type MitigationFinding } from "./judge-mitigations";
import { pickGrowingComponent, type ComponentMove, type ComponentSeries, type GrowingComponent } from "./pick-growing-component";

export type DiagnoseMemoryOptions = {
  /** Total memory over the window being diagnosed (the last hour, or the selected range). */
  total: readonly MemoryPoint[];
  components?: ComponentSeries;
  limitMb: number;
  thresholds?: Partial<DiagnosisThresholds>;
  /** Recorded actions and restarts that finished in the window: a drop they caused is not the end of a leak. */
  interventions?: readonly Intervention[];
};

export type MemoryDiagnosis = {
  pattern: MemoryPattern;
  /** Of the series the pattern was judged on (with mitigations' drops added back, when there were any). */
  evidence: PatternEvidence;
  component: GrowingComponent | null;
  /** The component that moved most, for information; not the answer to "Which component?". */
  mostMoved: ComponentMove | null;
  /** Memory was brought down by recorded actions in the window; what happened before and since. */
  mitigation: MitigationFinding | null;
  /** Ids of the decision-tree nodes taken, root first (see diagnosisTree). */
  path: string[];
  nextSteps: NextStep[];
};

/** The runbook's decision tree evaluated on data. */
export function diagnoseMemory({ total, components = {}, limitMb, thresholds, interventions = [] }: DiagnoseMemoryOptions): MemoryDiagnosis {
  if (!(limitMb > 0)) throw new RangeError("limitMb must be above 0");
  const settings: DiagnosisThresholds = { ...defaultDiagnosisThresholds, ...thresholds };
  const sorted = [...total].sort((a, b) => a.t - b.t);
  const plain = classifyPattern({ samples: sorted, limitMb, thresholds: settings });
  const judged = interventions.length > 0 ? judgeMitigations({ total: sorted, components, plain, interventions, limitMb, thresholds: settings }) : null;
  const { pattern, evidence } = judged ?? plain;
  const picked = pickGrowingComponent({ components: judged?.components ?? components, pattern, evidence, limitMb, thresholds: settings });
  const component = picked.component;
  return {
    pattern,
    evidence,
    component,
    mostMoved: picked.mostMoved,
    mitigation: judged?.finding ?? null,
    path: buildPath({ pattern, componentNode: component ? componentTreeNodeIds[component.key] : null }),
    nextSteps: buildNextSteps({ pattern, component: component?.key ?? null, currentUsage: plain.evidence.currentUsage }),
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
