"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/app/(console)/_components/action-message";
import { addIncidentNoteAction, assignIncidentLeadAction } from "@/app/(console)/incidents/actions";
import { IncidentTextForm } from "./incident-text-form";

const field = "mt-1 w-full rounded-md border border-edge bg-surface px-2 py-1 text-sm";
const button = "rounded-md bg-accent px-3 py-1 text-sm font-semibold text-surface disabled:opacity-60";

/** Responders add what they saw or tried; it goes on the timeline with their name. */
export function NoteForm({ incidentId }: { incidentId: number }) {
  return (
    <IncidentTextForm
      incidentId={incidentId}
      action={addIncidentNoteAction}
      ariaLabel="Add a note"
      label="Note (on the timeline, with your name)"
      maxLength={2000}
      placeholder="e.g. cache at 1.2 GB before the cleanup"
      submit={{ idle: "Add note", pending: "Adding…" }}
      testId="note-result"
    />
  );
}

/** Leads name the incident's lead from the people who can respond. */
export function LeadForm({ incidentId, leads, current }: { incidentId: number; leads: { id: number; email: string; role: string }[]; current: number | null }) {
  const [result, action, pending] = useActionState(assignIncidentLeadAction, null);
  return (
    <form action={action} className="space-y-2" aria-label="Name the incident lead">
      <input type="hidden" name="incidentId" value={incidentId} />
      <div className="flex flex-wrap items-end gap-2">
        <label className="min-w-0 flex-1 text-xs text-muted">
          Incident lead
          <select name="leadUserId" defaultValue={current ?? ""} className={field}>
            <option value="" disabled>Choose…</option>
            {leads.map((lead) => (
              <option key={lead.id} value={lead.id}>{lead.email} ({lead.role})</option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={pending} className={button}>{pending ? "Saving…" : "Set lead"}</button>
      </div>
      <ActionMessage result={result} testId="lead-result" />
    </form>
  );
}
