"use client";

import { diagnosisTree, type DecisionNode } from "@/lib/diagnosis/decision-tree";
import type { MemoryDiagnosis } from "@/lib/diagnosis/diagnose-memory";
import { describeComponent, describeMitigation } from "@/lib/diagnosis/describe-diagnosis";
import { formatMb } from "@/lib/format";
import { LocalTime } from "@/app/(console)/_components/local-time";
import { useClock } from "@/app/_components/clock";
import { COMPONENT_LABELS } from "@/lib/diagnosis/component-labels";
import { describeServiceHistory } from "@/lib/insights/describe-insight";
import { diagnosisKey, type DiagnosisInsight } from "@/lib/insights/summarize-insights";

const PATTERN_TEXT: Record<MemoryDiagnosis["pattern"], string> = {
  gradual: "Gradual increase → likely memory leak",
  spike: "Sudden spike",
  flat: "Neither: memory is flat (no growth beyond noise)",
  insufficient_data: "Not enough data in the window to tell",
};

function TreeNode({ node, taken, depth }: { node: DecisionNode; taken: Set<string>; depth: number }) {
  const on = taken.has(node.id);
  return (
    <li className="ml-4 border-l border-edge pl-3">
      <span
        data-taken={on || undefined}
        className={on ? "rounded bg-accent/20 px-1 font-semibold text-ink" : depth > 1 && !on ? "text-muted" : ""}
      >
        {on ? "▶ " : ""}
        {node.text}
        {node.actionId && (
          <a href={`#action-${node.actionId}`} className="ml-2 text-xs text-accent underline">
            action
          </a>
        )}
      </span>
      {node.children && (
        <ul>
          {node.children.map((child) => (
            <TreeNode key={child.id} node={child} taken={taken} depth={depth + 1} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** `history`: this service's past uses of each mitigation per recorded diagnosis (lib/insights). */
export function DiagnosisPanel({ diagnosis, history, slug }: { diagnosis: MemoryDiagnosis; history: readonly DiagnosisInsight[]; slug: string }) {
  const { timeZone } = useClock();
  const component = diagnosis.component?.key ?? null;
  const past = history.find((d) => d.key === diagnosisKey(diagnosis.pattern, component));
  const historyOf = (actionId: string) => {
    const m = past?.mitigations.find((x) => x.actionId === actionId);
    return m ? describeServiceHistory(m, diagnosis.pattern, component) : null;
  };
  const taken = new Set(diagnosis.path);
  const e = diagnosis.evidence;
  return (
    <div className="grid gap-6 lg:grid-cols-2" data-testid="diagnosis">
      <div className="min-w-0">
        <p className="text-lg font-semibold" data-testid="diagnosis-pattern" data-pattern={diagnosis.pattern}>
          {PATTERN_TEXT[diagnosis.pattern]}
        </p>
        {diagnosis.mitigation && (
          <p className="mt-1 text-sm" data-testid="diagnosis-mitigation" data-status={diagnosis.mitigation.status}>
            {describeMitigation(diagnosis, timeZone)}
          </p>
        )}
        <p className="mt-1" data-testid="diagnosis-component" data-component={diagnosis.component?.key ?? ""}>
          {describeComponent(diagnosis, (key) => COMPONENT_LABELS[key])}
        </p>
        <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
          <dt className="text-muted">Slope (Theil–Sen)</dt><dd>{e.slopeMbPer5m === null ? "—" : `${e.slopeMbPer5m.toFixed(1)} MB / 5 min`}</dd>
          <dt className="text-muted">Linear fit r²</dt><dd>{e.r2 === null ? "—" : e.r2.toFixed(2)}</dd>
          <dt className="text-muted">{diagnosis.pattern === "spike" ? "Spike" : "Largest jump"}</dt><dd>{e.largestJumpMb === null ? "—" : <>{formatMb(e.largestJumpMb)}{e.largestJumpAt && <> at <LocalTime iso={new Date(e.largestJumpAt).toISOString()} withDate={false} /></>}</>}</dd>
          <dt className="text-muted">Jump share of rise</dt><dd>{e.jumpShare === null ? "—" : `${Math.round(e.jumpShare * 100)}%`}</dd>
          <dt className="text-muted">Noise</dt><dd>{e.noiseMb === null ? "—" : `±${formatMb(e.noiseMb, 1)}`}</dd>
          <dt className="text-muted">Window</dt><dd>{e.sampleCount} samples over {Math.round(e.spanMinutes)} min</dd>
        </dl>
        <h3 className="mt-4 font-semibold">Runbook next steps</h3>
        <ol className="mt-1 list-decimal space-y-1 pl-5 text-sm" data-testid="next-steps">
          {diagnosis.nextSteps.map((s) => (
            <li key={s.id}>
              {s.text} <span className="text-xs text-muted">({s.section})</span>
              {s.actionId && (
                <a href={`#action-${s.actionId}`} className="ml-2 text-accent underline">
                  run
                </a>
              )}
              {s.actionId && historyOf(s.actionId) && (
                <p className="text-xs text-muted" data-testid={`step-history-${s.actionId}`}>
                  {historyOf(s.actionId)}
                </p>
              )}
            </li>
          ))}
        </ol>
        {history.length > 0 && (
          <p className="mt-2 text-sm">
            <a href={`/insights?service=${encodeURIComponent(slug)}`} className="text-accent underline" data-testid="service-insights-link">
              Everything that ran on this service, and what it freed
            </a>
          </p>
        )}
      </div>
      <div className="min-w-0">
        <h3 className="mb-1 text-sm text-muted">Diagnosis decision tree (taken path highlighted)</h3>
        <ul className="-ml-4 text-sm leading-7" aria-label="Runbook decision tree">
          <TreeNode node={diagnosisTree} taken={taken} depth={0} />
        </ul>
      </div>
    </div>
  );
}
