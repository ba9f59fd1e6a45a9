"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/app/(console)/_components/action-message";
import { LocalTime } from "@/app/(console)/_components/local-time";
import { saveAutoRemediationPolicyAction } from "@/app/(console)/targets/[slug]/settings/auto-remediation-actions";
import type { AutoRemediationPolicyView } from "@/lib/targets/get-target-settings";

export const defaultAutoRemediationPolicy: AutoRemediationPolicyView = {
  enabled: false,
  threshold: 0.9,
  recheckSeconds: 10,
  cooldownSeconds: 1800,
  escalateTo: "rolling-restart",
  lastRunAt: null,
  runState: null,
};

const field = "mt-1 w-full rounded-md border border-edge bg-surface px-3 py-2";

/** The runbook's auto-remediation script as a policy: cleanup, recheck, then ask a lead for a restart. */
export function AutoRemediationForm({ slug, policy }: { slug: string; policy: AutoRemediationPolicyView }) {
  const [result, action, pending] = useActionState(saveAutoRemediationPolicyAction, null);
  return (
    <form action={action} className="grid gap-4 sm:grid-cols-2">
      <input type="hidden" name="slug" value={slug} />
      <p className="text-sm text-muted sm:col-span-2">
        Above the threshold the worker clears expired cache entries, checks again after the wait and, if memory is still high,
        requests a rolling restart that a lead must approve. Never on data older than a minute.
        {policy.lastRunAt && <> Last run <LocalTime iso={policy.lastRunAt} /> ({policy.runState}).</>}
      </p>
      <label className="flex items-center gap-2 text-sm sm:col-span-2">
        <input name="enabled" type="checkbox" defaultChecked={policy.enabled} className="h-4 w-4" /> Enable auto-remediation
      </label>
      <label className="text-sm">Threshold (%)<input name="thresholdPercent" type="number" min={50} max={99} step={1} defaultValue={Math.round(policy.threshold * 100)} className={field} /></label>
      <label className="text-sm">Recheck after (s)<input name="recheckSeconds" type="number" min={1} max={600} defaultValue={policy.recheckSeconds} className={field} /></label>
      <label className="text-sm">Cooldown between runs (s)<input name="cooldownSeconds" type="number" min={60} max={86400} defaultValue={policy.cooldownSeconds} className={field} /></label>
      <label className="text-sm">
        If still high
        <select name="escalateTo" defaultValue={policy.escalateTo} className={field}>
          <option value="rolling-restart">request a rolling restart (a lead approves)</option>
          <option value="none">do nothing more</option>
        </select>
      </label>
      <div className="flex items-center gap-3 sm:col-span-2">
        <button type="submit" disabled={pending} className="rounded-md bg-accent px-4 py-2 font-semibold text-surface disabled:opacity-60">{pending ? "Saving…" : "Save auto-remediation"}</button>
        <ActionMessage result={result} testId="auto-remediation-result" />
      </div>
    </form>
  );
}
