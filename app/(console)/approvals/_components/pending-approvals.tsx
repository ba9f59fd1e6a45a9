"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionOutcome, ActionView } from "@/lib/remediation/action-view";
import { ActionRecord } from "@/app/(console)/_components/remediation/action-record";
import { LiveActionRecord } from "@/app/(console)/_components/remediation/live-action-record";
import { ApprovalControls } from "@/app/(console)/_components/remediation/approval-controls";
import { EmptyState } from "@/app/_components/empty-state";
import type { ApprovalContext } from "@/lib/remediation/request/describe-approval-context";
import { formatMb, formatPercent } from "@/lib/format";
import { StateBadge } from "@/app/(console)/_components/state-badge";
import { IncidentStateBadge } from "@/app/(console)/incidents/_components/incident-state-badge";

/** Requests waiting for a lead; what was just decided stays in view with its result. */
export function PendingApprovals({ actions, contexts, viewerId, canApprove }: { actions: ActionView[]; contexts: Record<string, ApprovalContext>; viewerId: number; canApprove: boolean }) {
  const router = useRouter();
  const [decided, setDecided] = useState<ActionOutcome[]>([]);
  const onDone = (outcome: ActionOutcome) => {
    setDecided((previous) => [outcome, ...previous]);
    router.refresh();
  };
  const decidedIds = new Set(decided.flatMap((o) => (o.ok ? [o.action.id] : [])));
  const waiting = actions.filter((a) => !decidedIds.has(a.id));
  return (
    <div className="space-y-5">
      {decided.length > 0 && (
        <div role="status" data-testid="decided">
          <h2 className="mb-2 font-semibold">Just decided</h2>
          <ul className="space-y-2">
            {decided.map((outcome, i) =>
              outcome.ok ? (
                <LiveActionRecord key={`${outcome.action.id}-${i}`} action={outcome.action} />
              ) : (
                <li key={i} className="rounded border border-crit/50 bg-crit/10 px-3 py-2 text-sm text-crit">✕ {outcome.message}</li>
              ),
            )}
          </ul>
        </div>
      )}
      {waiting.length === 0 && <EmptyState title="Nothing waiting" body="No destructive action is waiting for a second person." />}
      <ul className="space-y-3" data-testid="pending-approvals">
        {waiting.map((action) => (
          <ActionRecord key={action.id} action={action}>
            <p className="mt-1 text-sm">
              Target: <Link href={`/targets/${action.target.slug}#actions`} className="text-accent underline">{action.target.name}</Link>
            </p>
            {!action.reason && <p className="mt-1 text-sm text-muted">No reason given.</p>}
            <ServiceNow context={contexts[action.target.slug]} incidentId={action.incidentId} />
            {(canApprove || action.requestedBy.id === viewerId) && <ApprovalControls action={action} viewerId={viewerId} onDone={onDone} />}
          </ActionRecord>
        ))}
      </ul>
    </div>
  );
}

/** The service as it is now: a lead approves a restart against this, not against the request's age. */
function ServiceNow({ context, incidentId }: { context: ApprovalContext | undefined; incidentId: number | null }) {
  if (!context) return null;
  const percent = context.value === null ? null : context.value * 100;
  const mb = context.value === null ? null : context.value * context.limitMb;
  const incident = context.incident && (incidentId === null || context.incident.id === incidentId) ? context.incident : null;
  return (
    <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm" data-testid="approval-context">
      <span className="text-muted">Now:</span>
      {context.state ? <StateBadge state={context.state} /> : <span className="text-muted">not evaluated</span>}
      <span className="tabular-nums">{formatPercent(percent)} · {formatMb(mb)} of {formatMb(context.limitMb)}</span>
      {incident ? (
        <span className="inline-flex flex-wrap items-center gap-1.5">
          <Link href={`/incidents/${incident.id}`} className="text-accent underline">incident #{incident.id}</Link>
          <IncidentStateBadge state={incident.state} />
          {incident.acknowledgedBy && <span className="text-xs text-muted">by {incident.acknowledgedBy}</span>}
        </span>
      ) : incidentId !== null ? (
        <Link href={`/incidents/${incidentId}`} className="text-accent underline">incident #{incidentId}</Link>
      ) : (
        <span className="text-muted">no incident open</span>
      )}
    </div>
  );
}
