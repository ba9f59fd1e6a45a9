import type { AlertRule } from "@/lib/alerts/alert-rule-schema";

const field = "mt-1 w-full rounded-md border border-edge bg-surface px-2 py-1.5 text-sm";
const pct = (ratio: number | undefined) => (ratio === undefined ? "" : String(Math.round(ratio * 1000) / 10));
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** A plain GET form: the proposal lives in the URL, so a result can be shared and reloaded. */
export function BacktestForm(props: {
  slug: string;
  rules: AlertRule[];
  days: number;
  query: Record<string, string | string[] | undefined>;
  /** An incident's window (from a review's link): replayed instead of the last days, kept across runs. */
  window: { from: string; to: string } | null;
}) {
  const sev2 = props.rules.find((r) => r.name === "SEV-2");
  const sev1 = props.rules.find((r) => r.name === "SEV-1");
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
      <label className="text-xs text-muted">
        SEV-2 above (%)
        <input name="sev2" type="number" step="0.1" min="0.1" max="99.9" required defaultValue={value("sev2", pct(sev2?.threshold))} className={field} />
      </label>
      <label className="text-xs text-muted">
        SEV-2 for (s)
        <input name="sev2for" type="number" step="1" min="0" required defaultValue={value("sev2for", String(sev2?.forSeconds ?? 300))} className={field} />
      </label>
      <label className="text-xs text-muted">
        SEV-1 above (%)
        <input name="sev1" type="number" step="0.1" min="0.1" max="99.9" required defaultValue={value("sev1", pct(sev1?.threshold))} className={field} />
      </label>
      <label className="text-xs text-muted">
        SEV-1 for (s)
        <input name="sev1for" type="number" step="1" min="0" required defaultValue={value("sev1for", String(sev1?.forSeconds ?? 300))} className={field} />
      </label>
      <button type="submit" className="rounded-md bg-accent px-3 py-1.5 text-sm font-semibold text-surface">
        Run backtest
      </button>
    </form>
  );
}
