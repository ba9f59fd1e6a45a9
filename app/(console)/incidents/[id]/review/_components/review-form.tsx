"use client";

import { useActionState, useState } from "react";
import { ActionMessage } from "@/app/(console)/_components/action-message";
import { amendReviewAction, publishReviewAction, saveReviewDraftAction } from "@/app/(console)/incidents/[id]/review/actions";
import { IncidentTextForm } from "@/app/(console)/incidents/[id]/_components/incident-text-form";
import { FOLLOW_UP_STATE_LABEL, followUpStates, ROOT_CAUSE_LABEL, rootCauses, type FollowUp, type RootCause } from "@/lib/reviews/review-content";

const field = "mt-1 w-full rounded-md border border-edge bg-surface px-2 py-1 text-sm";
const button = "rounded-md bg-accent px-3 py-1 text-sm font-semibold text-surface disabled:opacity-60";
const secondary = "rounded-md border border-edge px-3 py-1 text-sm disabled:opacity-60";

type Props = {
  incidentId: number;
  initial: { rootCause: RootCause | null; summary: string; followUps: FollowUp[] };
  /** What the data says, shown beside the root cause so it can be chosen from evidence. */
  evidence: string[];
  /** A lead, on a resolved incident. */
  mayPublish: boolean;
};

/** The draft of a review: root cause, summary and follow-ups; a lead may publish it as it stands. */
export function ReviewForm({ incidentId, initial, evidence, mayPublish }: Props) {
  const [saved, save, saving] = useActionState(saveReviewDraftAction, null);
  const [published, publish, publishing] = useActionState(publishReviewAction, null);
  const [followUps, setFollowUps] = useState<FollowUp[]>(initial.followUps);
  const change = (index: number, patch: Partial<FollowUp>) => setFollowUps((list) => list.map((f, i) => (i === index ? { ...f, ...patch } : f)));
  const pending = saving || publishing;
  return (
    <form action={save} className="space-y-3 print:hidden" aria-label="Review">
      <input type="hidden" name="incidentId" value={incidentId} />
      <input type="hidden" name="followUps" value={JSON.stringify(followUps)} />
      <label className="block text-xs text-muted">
        Root cause
        <select name="rootCause" defaultValue={initial.rootCause ?? ""} className={field}>
          <option value="">Not chosen yet</option>
          {rootCauses.map((cause) => (
            <option key={cause} value={cause}>{ROOT_CAUSE_LABEL[cause]}</option>
          ))}
        </select>
      </label>
      {evidence.length > 0 && (
        <div className="rounded-md border border-edge bg-surface p-2 text-xs" data-testid="review-evidence">
          <p className="text-muted">Evidence from the data (prefilled into a new draft&apos;s summary):</p>
          <ul className="list-disc pl-5">{evidence.map((e) => <li key={e}>{e}</li>)}</ul>
        </div>
      )}
      <label className="block text-xs text-muted">
        Summary (what happened, why, what worked)
        <textarea name="summary" defaultValue={initial.summary} rows={5} maxLength={10_000} className={field} />
      </label>
      <fieldset className="space-y-2">
        <legend className="text-xs text-muted">Follow-ups</legend>
        {followUps.map((f, index) => (
          <div key={index} className="grid gap-2 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_8rem_minmax(0,1.5fr)_auto]" data-testid="follow-up">
            <input aria-label={`Follow-up ${index + 1}`} value={f.item} onChange={(e) => change(index, { item: e.target.value })} className={field} />
            <input aria-label={`Owner of follow-up ${index + 1}`} placeholder="owner" value={f.owner} onChange={(e) => change(index, { owner: e.target.value })} className={field} />
            <select aria-label={`State of follow-up ${index + 1}`} value={f.state} onChange={(e) => change(index, { state: e.target.value as FollowUp["state"] })} className={field}>
              {followUpStates.map((s) => (
                <option key={s} value={s}>{FOLLOW_UP_STATE_LABEL[s]}</option>
              ))}
            </select>
            <input aria-label={`Link of follow-up ${index + 1}`} placeholder="https://…" value={f.link} onChange={(e) => change(index, { link: e.target.value })} className={field} />
            <button type="button" className={secondary} onClick={() => setFollowUps((list) => list.filter((_, i) => i !== index))} aria-label={`Remove follow-up ${index + 1}`}>✕</button>
          </div>
        ))}
        <button type="button" className={secondary} onClick={() => setFollowUps((list) => [...list, { item: "", owner: "", state: "open", link: "" }])}>Add follow-up</button>
      </fieldset>
      <div className="flex flex-wrap gap-2">
        <button type="submit" disabled={pending} className={button}>{saving ? "Saving…" : "Save draft"}</button>
        {mayPublish && (
          <button type="submit" formAction={publish} disabled={pending} className={button}>{publishing ? "Publishing…" : "Publish review"}</button>
        )}
      </div>
      <ActionMessage result={saved} testId="review-draft-result" />
      <ActionMessage result={published} testId="review-publish-result" />
    </form>
  );
}

/** After publishing, a lead adds what was learnt later; the published text stays as it was. */
export function AmendmentForm({ incidentId }: { incidentId: number }) {
  return (
    <IncidentTextForm
      incidentId={incidentId}
      action={amendReviewAction}
      ariaLabel="Amend the review"
      label="Amendment (added below the published review, with your name)"
      maxLength={4000}
      submit={{ idle: "Add amendment", pending: "Adding…" }}
      testId="amendment-result"
    />
  );
}
