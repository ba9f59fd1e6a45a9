"use client";

import { useEffect, useId, useRef, useState } from "react";
import { defaultParams, type ActionDefinition } from "@/lib/remediation/action-catalogue";
import type { ActionOutcome, ActionView } from "@/lib/remediation/action-view";
import type { CallPreview } from "@/lib/remediation/drivers/call-preview";
import { requestRemediation } from "@/app/(console)/targets/[slug]/actions";
import { CallPreviewBlock, describeCall } from "@/app/(console)/targets/[slug]/_components/call-preview";
import { downloadHeapDump } from "@/app/(console)/targets/[slug]/_components/download-heap-dump";
import { LiveActionRecord } from "@/app/(console)/_components/remediation/live-action-record";
import { RiskBadge } from "@/app/(console)/_components/remediation/action-state-badge";

type Props = {
  definition: ActionDefinition;
  slug: string;
  call: CallPreview;
  /** A lead while SEV-1 fires may run a destructive action alone. */
  canBreakGlass: boolean;
  /** The record of this dialog's action as the panel polls it, for live progress. */
  findLive: (openedAt: number) => ActionView | undefined;
  onClose: () => void;
  onDone: () => void;
};

const field = "mt-1 w-full rounded-md border border-edge bg-surface px-3 py-1.5";

export function ActionDialog({ definition, slug, call, canBreakGlass, findLive, onClose, onDone }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const ids = useId();
  // One key per opened dialog: a double click or a retried submit is the same request.
  const [key] = useState(() => crypto.randomUUID().replaceAll("-", ""));
  const [openedAt] = useState(() => Date.now());
  const [params, setParams] = useState<Record<string, number>>(() => defaultParams(definition));
  const [confirmation, setConfirmation] = useState("");
  const [breakGlass, setBreakGlass] = useState(false);
  const [reason, setReason] = useState("");
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<ActionOutcome | null>(null);

  useEffect(() => {
    ref.current?.showModal();
  }, []);

  const unavailable = call.kind === "unavailable";
  const needsApproval = definition.secondPerson && !breakGlass;
  const confirmed = !definition.typedConfirmation || confirmation.trim() === slug;
  const submitLabel = definition.id === "heap-dump" ? "Take and download the dump" : breakGlass ? "Break glass and run now" : needsApproval ? "Request approval" : "Run now";

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    const input = { targetSlug: slug, actionId: definition.id, params, idempotencyKey: key, confirmation: definition.typedConfirmation ? confirmation : undefined, breakGlass, reason: breakGlass ? reason : undefined };
    const result = definition.id === "heap-dump"
      ? await downloadHeapDump({ slug, idempotencyKey: key })
      : await requestRemediation(input).catch((error: Error): ActionOutcome => ({ ok: false, code: "NETWORK", message: `The console did not answer (${error.message}); the action may still be running: see the list below.` }));
    setOutcome(result);
    setPending(false);
    onDone();
  }

  const live = outcome?.ok ? outcome.action : outcome && !outcome.ok && outcome.action ? outcome.action : pending ? findLive(openedAt) : undefined;
  const fieldErrors = outcome && !outcome.ok ? outcome.fieldErrors ?? {} : {};
  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby={`${ids}-title`} aria-describedby={`${ids}-desc`} data-testid="action-dialog"
      className="m-auto max-h-[calc(100dvh-1rem)] w-[calc(100%-1rem)] max-w-2xl overflow-y-auto rounded-lg border border-edge bg-panel p-4 text-ink backdrop:bg-black/60 sm:p-5">
      <form onSubmit={submit}>
        <div className="flex flex-wrap items-center gap-2">
          <h2 id={`${ids}-title`} className="text-lg font-semibold">{definition.label} on {slug}</h2>
          <RiskBadge risk={definition.risk} />
        </div>
        <p id={`${ids}-desc`} className="mt-1 text-sm text-muted">{definition.runbook.guidance}</p>
        <CallPreviewBlock text={describeCall(definition, call, params)} unavailable={unavailable} />
        {definition.paramFields.map((p) => (
          <label key={p.name} className="mt-3 block text-sm">
            {p.label} ({p.min}–{p.max}{p.unit ? ` ${p.unit}` : ""})
            <input type="number" name={p.name} min={p.min} max={p.max} step={p.step} required value={Number.isNaN(params[p.name]) ? "" : params[p.name]}
              onChange={(e) => setParams({ ...params, [p.name]: e.target.valueAsNumber })} className={field} aria-invalid={Boolean(fieldErrors[`params.${p.name}`])} />
            {fieldErrors[`params.${p.name}`] && <span className="text-crit">{fieldErrors[`params.${p.name}`]}</span>}
          </label>
        ))}
        {canBreakGlass && (
          <fieldset className="mt-3 rounded-md border border-crit/60 p-3 text-sm">
            <legend className="px-1 font-semibold text-crit">SEV-1 is firing</legend>
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={breakGlass} onChange={(e) => setBreakGlass(e.target.checked)} />
              Break glass: run it now without a second person (flagged in the audit trail and the incident)
            </label>
            {breakGlass && (
              <label className="mt-2 block">
                Reason (required, at least 10 characters)
                <textarea name="reason" required minLength={10} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} className={field} />
              </label>
            )}
          </fieldset>
        )}
        {needsApproval && <p className="mt-3 text-sm text-warn">Destructive: this asks a lead for approval; it runs when another lead approves it.</p>}
        {definition.typedConfirmation && (
          <label className="mt-3 block text-sm">
            Type <code className="rounded bg-surface px-1">{slug}</code> to confirm
            <input name="confirmation" autoComplete="off" value={confirmation} onChange={(e) => setConfirmation(e.target.value)} className={field} aria-invalid={Boolean(fieldErrors.confirmation)} />
          </label>
        )}
        <div className="mt-4 flex justify-end gap-2">
          <button type="button" onClick={() => ref.current?.close()} className="rounded-md border border-edge px-3 py-1.5">{outcome ? "Close" : "Cancel"}</button>
          {!outcome?.ok && (
            <button type="submit" disabled={pending || unavailable || !confirmed} className={`rounded-md px-3 py-1.5 font-semibold text-surface disabled:opacity-50 ${breakGlass ? "bg-crit" : "bg-accent"}`}>
              {pending ? "Working…" : submitLabel}
            </button>
          )}
        </div>
        <div role="status" aria-live="polite" className="mt-3" data-testid="action-dialog-status">
          {pending && !live && <p className="text-accent">Sending the request…</p>}
          {/* When the record below carries the same error, it is shown there only. */}
          {outcome && !outcome.ok && outcome.action?.error !== outcome.message && (
            <p className="rounded border border-crit/50 bg-crit/10 px-2 py-1 text-crit" data-testid="action-dialog-error">✕ {outcome.message}</p>
          )}
          {live && <ul><LiveActionRecord action={live} /></ul>}
        </div>
      </form>
    </dialog>
  );
}
