"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/app/(console)/_components/action-message";
import type { ActionResult } from "@/lib/actions/action-result";

const field = "mt-1 w-full rounded-md border border-edge bg-surface px-2 py-1 text-sm";
const button = "rounded-md bg-accent px-3 py-1 text-sm font-semibold text-surface disabled:opacity-60";

/**
 * One text added to an incident under the writer's name (a note on the timeline, an amendment
 * below a published review): a textarea, a button, and the action's answer under it.
 */
export function IncidentTextForm(props: {
  incidentId: number;
  action: (previous: ActionResult | null, form: FormData) => Promise<ActionResult>;
  ariaLabel: string;
  label: string;
  maxLength: number;
  placeholder?: string;
  submit: { idle: string; pending: string };
  testId: string;
}) {
  const [result, action, pending] = useActionState(props.action, null);
  return (
    <form action={action} className="space-y-2" aria-label={props.ariaLabel}>
      <input type="hidden" name="incidentId" value={props.incidentId} />
      <label className="block text-xs text-muted">
        {props.label}
        <textarea name="text" required maxLength={props.maxLength} rows={2} className={field} placeholder={props.placeholder} />
      </label>
      <button type="submit" disabled={pending} className={button}>{pending ? props.submit.pending : props.submit.idle}</button>
      <ActionMessage result={result} testId={props.testId} />
    </form>
  );
}
