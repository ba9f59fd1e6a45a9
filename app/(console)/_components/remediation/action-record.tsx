"use client";

import Link from "next/link";
import type { ActionView } from "@/lib/remediation/action-view";
import { describeEffect } from "@/lib/remediation/effects/describe-effect";
import { formatTime } from "@/lib/format";
import { ActionStateBadge } from "@/app/(console)/_components/remediation/action-state-badge";
import { LocalTime } from "@/app/(console)/_components/local-time";
import { useClock } from "@/app/_components/clock";

const STEP_ICON = { running: "…", done: "✓", failed: "✕" } as const;

// A step's detail is often the action's result or error itself (a single call's answer): the
// record prints that once, in the result or error line, and keeps the step's name.
const shownElsewhere = (detail: string, action: ActionView) =>
  Boolean((action.summary && action.summary.includes(detail)) || (action.error && action.error.includes(detail)));

/** One action as the record shows it: who, when, each state's time, progress, the result or the error, the effect. */
export function ActionRecord({ action, anchor = false, children }: { action: ActionView; anchor?: boolean; children?: React.ReactNode }) {
  const { timeZone } = useClock();
  const effect = describeEffect(action.effect);
  return (
    <li id={anchor ? `remediation-${action.id}` : undefined} data-testid="action-record" data-remediation-id={action.id} data-action={action.actionId} data-state={action.state} className="min-w-0 scroll-mt-32 rounded-md border border-edge bg-surface/40 p-3 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-semibold">{action.label}</span>
        <ActionStateBadge state={action.state} />
        {action.breakGlass && (
          <span className="rounded border border-crit bg-crit/20 px-1.5 py-0.5 text-xs font-bold text-crit" data-testid="break-glass">⚠ BREAK-GLASS</span>
        )}
        <span className="text-muted">
          #{action.id} · {action.requestedBy.label} ({action.requestedBy.role}) · {formatTime(action.requestedAt, true, timeZone)}
        </span>
        {action.incidentId !== null && (
          <Link href={`/incidents/${action.incidentId}`} className="text-accent underline">incident #{action.incidentId}</Link>
        )}
      </div>
      {Object.keys(action.params).length > 0 && <p className="mt-1 wrap-anywhere font-mono text-xs text-muted">{JSON.stringify(action.params)}</p>}
      {action.reason && <p className="mt-1"><span className="text-muted">Reason:</span> {action.reason}</p>}
      <p className="mt-1 text-xs text-muted">
        {action.transitions.map((t) => `${t.state.replace("_", " ")} ${formatTime(t.at, false, timeZone)}${t.by ? ` by ${t.by}` : ""}`).join(" → ")}
      </p>
      {action.state === "awaiting_approval" && action.approvalExpiresAt && (
        <p className="mt-1 text-warn">Needs a lead&apos;s approval before {formatTime(action.approvalExpiresAt, false, timeZone)}; it expires otherwise.</p>
      )}
      {action.decisionComment && <p className="mt-1"><span className="text-muted">{action.decidedBy}:</span> {action.decisionComment}</p>}
      {action.steps.length > 0 && (
        <ol className="mt-2 space-y-0.5" aria-label="Steps">
          {action.steps.map((step, i) => (
            <li key={i} data-testid="action-step" data-status={step.status} className={step.status === "failed" ? "text-crit" : step.status === "running" ? "text-accent" : ""}>
              <span aria-hidden>{STEP_ICON[step.status]} </span>
              <span className="font-mono text-xs">{step.name}</span>
              {step.detail && !shownElsewhere(step.detail, action) && <span className="text-muted"> — {step.detail}</span>}
              {step.expectedAt && (
                <span className="text-muted">, expected back by <LocalTime iso={step.expectedAt} withDate={false} /></span>
              )}
            </li>
          ))}
        </ol>
      )}
      {/* A heap dump's summary is its artifact line (name, size, SHA-256): shown once, below. */}
      {action.summary && !action.artifact && <p className="mt-2 break-words text-ok" data-testid="action-summary">{action.summary}</p>}
      {action.error && (
        <p className="mt-2 rounded border border-crit/50 bg-crit/10 px-2 py-1 text-crit" data-testid="action-error">
          ✕ {action.error}
        </p>
      )}
      {effect && (
        <p
          className="mt-1"
          data-testid="action-effect"
          data-effect-status={action.effect.status}
          data-effect-group={action.effect.attribution?.groupId ?? undefined}
          data-measured-with={action.effect.attribution?.measuredWith.join(" ") || undefined}
        >
          <span className="text-muted">Measured effect:</span> {effect}
        </p>
      )}
      {action.artifact && (
        <p className="mt-1 wrap-anywhere text-xs text-muted" data-testid="action-artifact">
          {action.artifact.name} · {(action.artifact.bytes / 1024 / 1024).toFixed(1)} MB · SHA-256 {action.artifact.sha256}
        </p>
      )}
      {children}
    </li>
  );
}
