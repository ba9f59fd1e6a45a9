"use client";

import { useActionState } from "react";
import type { AlertRule } from "@/lib/alerts/alert-rule-schema";
import { ActionMessage } from "@/app/(console)/_components/action-message";
import { updateRulesAction } from "@/app/(console)/targets/[slug]/alerts/actions";
import { buttonClass, fieldClass } from "./form-styles";

const percent = (ratio: number | undefined) => (ratio === undefined ? "" : String(Math.round(ratio * 1000) / 10));

function RuleFields({ prefix, rule }: { prefix: "sev2" | "sev1"; rule: AlertRule | undefined }) {
  return (
    <fieldset className="rounded-md border border-edge p-3">
      <legend className="px-1 text-sm font-semibold">{prefix === "sev2" ? "SEV-2" : "SEV-1"}</legend>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <label className="text-xs text-muted">
          Threshold (% of limit)
          <input name={`${prefix}_threshold`} type="number" step="0.1" min="0.1" max="99.9" required defaultValue={percent(rule?.threshold)} className={fieldClass} />
        </label>
        <label className="text-xs text-muted">
          For (seconds)
          <input name={`${prefix}_for`} type="number" step="1" min="0" required defaultValue={rule?.forSeconds ?? 300} className={fieldClass} />
        </label>
        <label className="text-xs text-muted">
          Keep firing for (s, optional)
          <input name={`${prefix}_keep`} type="number" step="1" min="0" defaultValue={rule?.keepFiringForSeconds ?? ""} className={fieldClass} />
        </label>
        <label className="text-xs text-muted">
          Recovery level (%, optional)
          <input name={`${prefix}_recovery`} type="number" step="0.1" min="0" max="99.9" defaultValue={percent(rule?.recoveryThreshold)} className={fieldClass} />
        </label>
      </div>
    </fieldset>
  );
}

/** Admins only (the page decides whether to render it; the action checks again). */
export function RulesForm({ slug, version, rules }: { slug: string; version: number; rules: AlertRule[] }) {
  const [result, action, pending] = useActionState(updateRulesAction, null);
  return (
    <form action={action} className="space-y-3" aria-label="Edit thresholds">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="expectedVersion" value={version} />
      <RuleFields prefix="sev2" rule={rules.find((r) => r.name === "SEV-2")} />
      <RuleFields prefix="sev1" rule={rules.find((r) => r.name === "SEV-1")} />
      <label className="block text-xs text-muted">
        Why (kept in the version history)
        <input name="comment" maxLength={500} className={fieldClass} placeholder="e.g. new 8 GB limit after the upgrade" />
      </label>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className={buttonClass}>
          {pending ? "Saving…" : `Save as version ${version + 1}`}
        </button>
        <a href={`/targets/${slug}/backtest`} className="text-sm text-accent underline">
          Try thresholds on past data first
        </a>
      </div>
      <ActionMessage result={result} testId="rules-result" />
    </form>
  );
}
