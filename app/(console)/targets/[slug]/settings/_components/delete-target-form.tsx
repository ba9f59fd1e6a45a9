"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/app/(console)/_components/action-message";
import { deleteTargetAction } from "@/app/(console)/targets/actions";

type Removed = { samples: number; incidents: number; actions: number; tokens: number };

/** Deleting says what goes with it, and wants the slug typed; disabling (above) keeps everything. */
export function DeleteTargetForm({ slug, removed, provisionedFrom }: { slug: string; removed: Removed; provisionedFrom: string | null }) {
  const [result, action, pending] = useActionState(deleteTargetAction, null);
  if (provisionedFrom) {
    return <p className="text-sm text-muted">Provisioned from {provisionedFrom}: remove it from the file to stop watching it (it is then disabled and its data kept).</p>;
  }
  return (
    <form action={action} className="space-y-3" aria-label="Delete target">
      <p className="text-sm">
        Deleting removes its {removed.samples.toLocaleString("en")} samples and their rollups, {removed.incidents} incidents, its alert rules and silences,{" "}
        {removed.actions} remediation records and {removed.tokens} ingest tokens, for good. The audit trail keeps its entries. To stop watching it
        and keep the data, untick &ldquo;Collect from this service&rdquo; instead.
      </p>
      <input type="hidden" name="slug" value={slug} />
      <label className="block text-sm">
        Type {slug} to confirm
        <input name="confirmation" autoComplete="off" className="mt-1 block rounded-md border border-edge bg-surface px-3 py-2" />
      </label>
      <button type="submit" disabled={pending} className="rounded-md border border-crit px-4 py-2 font-semibold text-crit disabled:opacity-60">
        {pending ? "Deleting…" : "Delete target and its data"}
      </button>
      <ActionMessage result={result} testId="delete-target-result" />
    </form>
  );
}
