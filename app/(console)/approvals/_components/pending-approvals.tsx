"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionOutcome, ActionView } from "@/lib/remediation/action-view";
import { ActionRecord } from "@/app/(console)/_components/remediation/action-record";
import { LiveActionRecord } from "@/app/(console)/_components/remediation/live-action-record";
import { ApprovalControls } from "@/app/(console)/_components/remediation/approval-controls";
import { EmptyState } from "@/app/_components/empty-state";

/** Requests waiting for a lead; what was just decided stays in view with its result. */
export function PendingApprovals({ actions, viewerId, canApprove }: { actions: ActionView[]; viewerId: number; canApprove: boolean }) {
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
            {(canApprove || action.requestedBy.id === viewerId) && <ApprovalControls action={action} viewerId={viewerId} onDone={onDone} />}
          </ActionRecord>
        ))}
      </ul>
    </div>
  );
}
