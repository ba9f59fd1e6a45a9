"use client";

import { useState } from "react";
import { actionCatalogue, actionGroups } from "@/lib/remediation/action-catalogue";
import type { TargetActions } from "@/lib/remediation/list-target-actions";
import type { RunbookActionId } from "@/lib/diagnosis/runbook-actions";
import { ActionDialog } from "@/app/(console)/targets/[slug]/_components/action-dialog";
import { useInvalidateTarget, useTargetActions } from "@/app/(console)/targets/[slug]/_components/use-target-actions";
import { ActionRecord } from "@/app/(console)/_components/remediation/action-record";
import { ApprovalControls } from "@/app/(console)/_components/remediation/approval-controls";
import { RiskBadge } from "@/app/(console)/_components/remediation/action-state-badge";
import { StopIcon } from "@/app/_components/icons";
import { LocalTime } from "@/app/(console)/_components/local-time";

const ROLE_NOTES: Record<string, string> = {
  viewer: "You can see everything here; running actions needs the responder role.",
  responder: "Safe and disruptive actions run at once; destructive ones run when a lead approves them.",
  lead: "Destructive actions run when another lead approves them; while SEV-1 fires you may break glass.",
  admin: "Destructive actions run when another lead approves them; while SEV-1 fires you may break glass.",
};

/** The runbook's remediations for this target, grouped as the runbook groups them, with their record. */
export function ActionsPanel({ initial }: { initial: TargetActions }) {
  const slug = initial.target.slug;
  const query = useTargetActions(slug, initial);
  const invalidate = useInvalidateTarget(slug);
  const [open, setOpen] = useState<RunbookActionId | null>(null);
  const data = query.data;
  const { viewer } = data;
  const opened = open ? actionCatalogue.find((a) => a.id === open)! : null;
  const lastOf = (id: RunbookActionId) => data.recent.find((a) => a.actionId === id);
  // Only what this target can take is offered; the rest is one sentence each, above.
  const offered = actionCatalogue.filter((a) => !data.capabilities.unsupported[a.id]);

  return (
    <section id="actions" aria-labelledby="actions-heading" className="min-w-0 scroll-mt-32 rounded-lg border border-edge bg-panel p-4" data-testid="actions-panel">
      <div className="flex flex-wrap items-baseline gap-x-3">
        <h2 id="actions-heading" className="text-lg font-semibold">Runbook actions</h2>
        <p className="text-sm text-muted">{ROLE_NOTES[viewer.role]}</p>
        {data.sev1Firing && <span className="rounded border border-crit bg-crit/20 px-2 text-sm font-semibold text-crit"><StopIcon /> SEV-1 firing</span>}
      </div>
      {query.isError && <p role="status" className="mt-2 text-sm text-crit">⚠ Could not refresh the actions: {query.error.message}</p>}

      {data.awaitingApproval.length > 0 && (
        <div className="mt-4" data-testid="awaiting-approval">
          <h3 className="font-semibold text-warn">Awaiting approval</h3>
          <ul className="mt-2 space-y-2">
            {data.awaitingApproval.map((action) => (
              <ActionRecord key={action.id} action={action}>
                {(viewer.can.approve || action.requestedBy.id === viewer.id) && <ApprovalControls action={action} viewerId={viewer.id} onDone={invalidate} />}
              </ActionRecord>
            ))}
          </ul>
        </div>
      )}

      {data.capabilities.missing.length > 0 && (
        <ul className="mt-2 space-y-1 text-sm text-muted" data-testid="actions-missing">
          {data.capabilities.missing.map((sentence) => <li key={sentence}>{sentence}</li>)}
        </ul>
      )}

      <div className="mt-4 grid gap-4 xl:grid-cols-2">
        {actionGroups.filter((group) => offered.some((a) => a.group === group.id)).map((group) => (
          <div key={group.id} className="min-w-0">
            <h3 className="font-semibold">{group.title}</h3>
            <p className="text-xs text-muted">{group.section}</p>
            <ul className="mt-2 space-y-2">
              {offered.filter((a) => a.group === group.id).map((definition) => {
                const last = lastOf(definition.id);
                const allowed = viewer.mayRequest[definition.id];
                return (
                  <li key={definition.id} id={`action-${definition.id}`} className="min-w-0 scroll-mt-32 rounded-md border border-edge p-3 target:border-accent" data-testid={`action-${definition.id}`}>
                    <div className="flex items-start gap-2">
                      <div className="flex min-w-0 flex-1 flex-wrap items-center gap-x-2 gap-y-1">
                        <span className="font-medium">{definition.label}</span>
                        <RiskBadge risk={definition.risk} />
                        {definition.secondPerson && <span className="text-xs text-muted">needs a second person</span>}
                      </div>
                      <button
                        type="button"
                        disabled={!allowed}
                        onClick={() => setOpen(definition.id)}
                        aria-haspopup="dialog"
                        title={allowed ? undefined : `Your role (${viewer.role}) cannot run this`}
                        className="shrink-0 rounded-md border border-accent px-3 py-1 text-sm text-accent hover:bg-accent/10 disabled:cursor-not-allowed disabled:border-edge disabled:text-muted"
                      >
                        {definition.secondPerson ? "Request…" : definition.id === "heap-dump" ? "Download…" : "Run…"}
                        <span className="sr-only"> {definition.label}</span>
                      </button>
                    </div>
                    <p className="mt-1 text-sm text-muted">{definition.runbook.guidance}</p>
                    <p className="mt-1 wrap-anywhere font-mono text-xs text-muted">$ {definition.runbook.command}</p>
                    {last && (
                      <p className="mt-1 text-xs">
                        {/* The result itself is in the record below, once; this links to it. */}
                        Last: <a href={`#remediation-${last.id}`} className="text-accent underline">#{last.id} {last.state.replace("_", " ")}</a>
                        {" "}<LocalTime iso={last.finishedAt ?? last.requestedAt} withDate={false} />
                      </p>
                    )}
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
      </div>

      <div className="mt-5">
        <h3 className="font-semibold">Recent actions on this target</h3>
        {data.recent.length === 0 ? (
          <p className="mt-1 text-sm text-muted">No action has been run here yet.</p>
        ) : (
          <ul className="mt-2 space-y-2" data-testid="recent-actions">
            {data.recent.map((action) => (
              <ActionRecord key={action.id} action={action} anchor />
            ))}
          </ul>
        )}
      </div>

      {opened && (
        <ActionDialog
          key={opened.id}
          definition={opened}
          slug={slug}
          call={data.calls[opened.id]}
          canBreakGlass={opened.secondPerson && viewer.mayBreakGlass}
          findLive={(openedAt) => data.recent.find((a) => a.actionId === opened.id && a.requestedBy.id === viewer.id && Date.parse(a.requestedAt) >= openedAt - 5_000)}
          onClose={() => setOpen(null)}
          onDone={invalidate}
        />
      )}
    </section>
  );
}
