import { Fragment } from "react";
import type { AlertRule } from "@/lib/alerts/alert-rule-schema";

const field = "mt-1 w-full rounded-md border border-edge bg-surface px-2 py-1.5 text-sm";
const pct = (ratio: number | undefined) => (ratio === undefined ? "" : String(Math.round(ratio * 1000) / 10));
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
/** The two runbook rules, each proposed as a threshold and a "for", under these query keys. */
const ruleFields = [
  { name: "SEV-2", key: "sev2" },
  { name: "SEV-1", key: "sev1" },
] as const;

/** A plain GET form: the proposal lives in the URL, so a result can be shared and reloaded. */
export function BacktestForm(props: {
  slug: string;
  rules: AlertRule[];
  days: number;
  query: Record<string, string | string[] | undefined>;
  /** An incident's window (from a review's link): replayed instead of the last days, kept across runs. */
  window: { from: string; to: string } | null;
}) {
  const value = (key: string, fallback: string) => first(props.query[key]) ?? fallback;
  return (
    <form method="get" action={`/targets/${props.slug}/backtest`} className="grid gap-3 rounded-lg border border-edge bg-panel p-4 sm:grid-cols-3 lg:grid-cols-6 lg:items-end">
      {props.window ? (
        <p className="text-xs text-muted" data-testid="backtest-window">
          The incident&apos;s window: {props.window.from.slice(0, 16).replace("T", " ")} to {props.window.to.slice(0, 16).replace("T", " ")} UTC
          <input type="hidden" name="from" value={props.window.from} />
          <input type="hidden" name="to" value={props.window.to} />
          <a href={`/targets/${props.slug}/backtest`} className="block text-accent underline">Use the last days instead</a>
        </p>
      ) : (
        <label className="text-xs text-muted">
          Last days
          <input name="days" type="number" min="1" max="14" step="1" defaultValue={value("days", String(props.days))} className={field} />
        </label>
      )}
      {ruleFields.map(({ name, key }) => {
        const rule = props.rules.find((r) => r.name === name);
        return (
          <Fragment key={name}>
            <label className="text-xs text-muted">
              {name} above (%)
              <input name={key} type="number" step="0.1" min="0.1" max="99.9" required defaultValue={value(key, pct(rule?.threshold))} className={field} />
            </label>
            <label className="text-xs text-muted">
              {name} for (s)
              <input name={`${key}for`} type="number" step="1" min="0" required defaultValue={value(`${key}for`, String(rule?.forSeconds ?? 300))} className={field} />
            </label>
          </Fragment>
        );
      })}
      <button type="submit" className="rounded-md bg-accent px-3 py-1.5 text-sm font-semibold text-surface">
        Run backtest
      </button>
    </form>
  );
}
