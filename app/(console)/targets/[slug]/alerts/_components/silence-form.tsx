"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/app/(console)/_components/action-message";
import { createSilenceAction, endSilenceAction } from "@/app/(console)/targets/[slug]/alerts/actions";
import { buttonClass, fieldClass, quietButtonClass } from "./form-styles";

const DURATIONS = [
  [15, "15 minutes"],
  [30, "30 minutes"],
  [60, "1 hour"],
  [120, "2 hours"],
  [240, "4 hours"],
  [480, "8 hours"],
  [1440, "24 hours"],
] as const;

/** Leads (and admins) only; the action checks again. */
export function SilenceForm({ slug }: { slug: string }) {
  const [result, action, pending] = useActionState(createSilenceAction, null);
  return (
    <form action={action} className="space-y-2" aria-label="Silence notifications">
      <input type="hidden" name="slug" value={slug} />
      <div className="grid gap-3 md:grid-cols-[12rem_1fr_auto] md:items-end">
        <label className="text-xs text-muted">
          For
          <select name="durationMinutes" defaultValue="60" className={fieldClass}>
            {DURATIONS.map(([minutes, label]) => (
              <option key={minutes} value={minutes}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="text-xs text-muted">
          Why (shown wherever the alert is)
          <input name="comment" required maxLength={500} className={fieldClass} placeholder="e.g. rolling restart in progress" />
        </label>
        <button type="submit" disabled={pending} className={buttonClass}>
          {pending ? "Silencing…" : "Silence"}
        </button>
      </div>
      <ActionMessage result={result} testId="silence-result" />
    </form>
  );
}

export function EndSilenceButton({ slug, silenceId }: { slug: string; silenceId: number }) {
  const [result, action, pending] = useActionState(endSilenceAction, null);
  return (
    <form action={action} className="inline-flex items-center gap-2">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="silenceId" value={silenceId} />
      <button type="submit" disabled={pending} className={quietButtonClass}>
        {pending ? "Ending…" : "End now"}
      </button>
      <ActionMessage result={result} />
    </form>
  );
}
