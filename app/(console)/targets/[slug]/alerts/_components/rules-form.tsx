"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import type { AlertRule } from "@/lib/alerts/alert-rule-schema";
import { formatRatio } from "@/lib/alerts/describe-alert";
import { previewRuleFiring, type CurrentAlertView } from "@/lib/alerts/preview-rule-firing";
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

/** The thresholds as typed, for the preview (the server parses them again). */
function typedRules(form: HTMLFormElement) {
  const data = new FormData(form);
  const number = (key: string) => (data.get(key) === "" ? Number.NaN : Number(data.get(key)));
  return (["sev2", "sev1"] as const).map((prefix) => ({
    name: prefix === "sev2" ? "SEV-2" : "SEV-1",
    threshold: number(`${prefix}_threshold`) / 100,
    forSeconds: number(`${prefix}_for`),
  }));
}

/** Whether a field holds something other than what the server rendered (typed before or after hydration). */
function edited(form: HTMLFormElement) {
  return Array.from(form.elements).some((element) => element instanceof HTMLInputElement && element.type === "number" && element.value !== element.defaultValue);
}

/** Admins only (the page decides whether to render it; the action checks again). */
export function RulesForm({ slug, version, rules, current }: { slug: string; version: number; rules: AlertRule[]; current: CurrentAlertView }) {
  const [result, action, pending] = useActionState(updateRulesAction, null);
  // Computed once something is typed: the saved rules themselves never warn, and the server renders none.
  const [typed, setTyped] = useState<{ rules: ReturnType<typeof typedRules>; at: number } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  // Typing on a slow phone can happen before React hydrates, when onChange does not run yet:
  // preview what is already in the fields once it does.
  useEffect(() => {
    const form = formRef.current;
    if (form && edited(form)) setTyped({ rules: typedRules(form), at: Date.now() });
  }, []);
  const previewed = typed ? previewRuleFiring({ rules: typed.rules, current, now: typed.at }).map((w) => w.message) : [];
  // The server checks again with the newest sample; its warning (same words) asks for the same confirmation.
  const refusedWith = result && !result.ok ? result.fieldErrors?.confirmFiring : undefined;
  const warnings = previewed.length > 0 ? previewed : refusedWith ? [refusedWith] : [];
  return (
    <form ref={formRef} action={action} onChange={(e) => setTyped({ rules: typedRules(e.currentTarget), at: Date.now() })} className="space-y-3" aria-label="Edit thresholds">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="expectedVersion" value={version} />
      <RuleFields prefix="sev2" rule={rules.find((r) => r.name === "SEV-2")} />
      <RuleFields prefix="sev1" rule={rules.find((r) => r.name === "SEV-1")} />
      <label className="block text-xs text-muted">
        Why (kept in the version history)
        <input name="comment" maxLength={500} className={fieldClass} placeholder="e.g. new 8 GB limit after the upgrade" />
      </label>
      <p className="text-xs text-muted" data-testid="rules-current">
        {current.ratio === null ? "No recent sample: a new threshold cannot fire before the next one." : `Memory now: ${formatRatio(current.ratio)} of the limit.`}
      </p>
      {warnings.length > 0 && (
        <div role="status" className="rounded-md border border-crit bg-crit/10 p-3 text-sm text-crit" data-testid="rules-firing-preview">
          {warnings.map((message) => (
            <p key={message} className="font-semibold">⚠ {message}</p>
          ))}
          <label className="mt-2 flex items-center gap-2 text-ink">
            <input type="checkbox" name="confirmFiring" className="h-4 w-4" /> Save anyway: I know this alerts at once.
          </label>
        </div>
      )}
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
