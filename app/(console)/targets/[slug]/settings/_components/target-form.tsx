"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/app/(console)/_components/action-message";
import { updateTargetAction } from "@/app/(console)/targets/[slug]/settings/actions";

// The diagnostics URL arrives masked: its password never reaches the browser.
type Target = { slug: string; name: string; baseUrl: string; memoryLimitMb: number; scrapeIntervalSeconds: number; enabled: boolean; maskedDiagnosticsDatabaseUrl: string | null };
const field = "mt-1 w-full rounded-md border border-edge bg-surface px-3 py-2";

export function TargetForm({ target }: { target: Target }) {
  const [result, action, pending] = useActionState(updateTargetAction, null);
  return (
    <form action={action} className="grid gap-4 sm:grid-cols-2">
      <input type="hidden" name="slug" value={target.slug} />
      <label className="text-sm">Name<input name="name" defaultValue={target.name} required className={field} /></label>
      <label className="text-sm">Base URL<input name="baseUrl" defaultValue={target.baseUrl} required className={field} /></label>
      <label className="text-sm">Memory limit (MB)<input name="memoryLimitMb" type="number" min={64} defaultValue={target.memoryLimitMb} required className={field} /></label>
      <label className="text-sm">Scrape every (s)<input name="scrapeIntervalSeconds" type="number" min={5} max={3600} defaultValue={target.scrapeIntervalSeconds} required className={field} /></label>
      <label className="text-sm sm:col-span-2">
        Target&apos;s PostgreSQL for the connections panel (optional, read-only role){" "}
        {target.maskedDiagnosticsDatabaseUrl && <span className="text-muted">(now {target.maskedDiagnosticsDatabaseUrl}; leave empty to keep)</span>}
        <input name="diagnosticsDatabaseUrl" placeholder="postgresql://readonly:…@db:5432/freeagentics" autoComplete="off" className={field} />
      </label>
      {target.maskedDiagnosticsDatabaseUrl && (
        <label className="flex items-center gap-2 text-sm sm:col-span-2">
          <input name="clearDiagnosticsDatabaseUrl" type="checkbox" className="h-4 w-4" /> Forget the diagnostics database URL
        </label>
      )}
      <label className="flex items-center gap-2 text-sm"><input name="enabled" type="checkbox" defaultChecked={target.enabled} className="h-4 w-4" /> Collect from this target</label>
      <div className="flex items-center gap-3 sm:col-span-2">
        <button type="submit" disabled={pending} className="rounded-md bg-accent px-4 py-2 font-semibold text-surface disabled:opacity-60">
          {pending ? "Saving…" : "Save"}
        </button>
        <ActionMessage result={result} testId="target-form-result" />
      </div>
    </form>
  );
}
