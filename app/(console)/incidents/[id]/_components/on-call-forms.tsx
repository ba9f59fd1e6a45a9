"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/app/(console)/_components/action-message";
import { addIncidentNoteAction, assignIncidentLeadAction } from "@/app/(console)/incidents/actions";

const field = "mt-1 w-full rounded-md border border-edge bg-surface px-2 py-1 text-sm";
const button = "rounded-md bg-accent px-3 py-1 text-sm font-semibold text-surface disabled:opacity-60";

/** Responders add what they saw or tried; it goes on the timeline with their name. */
export function NoteForm({ incidentId }: { incidentId: number }) {
  const [result, action, pending] = useActionState(addIncidentNoteAction, null);
  return (
    <form action={action} className="space-y-2" aria-label="Add a note">
      <input type="hidden" name="incidentId" value={incidentId} />
      <label className="block text-xs text-muted">
        Note (on the timeline, with your name)
        <textarea name="text" required maxLength={2000} rows={2} className={field} placeholder="e.g. cache at 1.2 GB before the cleanup" />
      </label>
      <button type="submit" disabled={pending} className={button}>{pending ? "Adding…" : "Add note"}</button>
      <ActionMessage result={result} testId="note-result" />
    </form>
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
