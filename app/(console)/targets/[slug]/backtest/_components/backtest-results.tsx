import type { TargetBacktest } from "@/lib/alerts/backtest-target-rules";
import type { RuleBacktest } from "@/lib/alerts/backtest-rules";
import { formatRatio, formatSeconds } from "@/lib/alerts/describe-alert";
import { LocalTime } from "@/app/(console)/_components/local-time";

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

function Delta({ now, then }: { now: number; then: number }) {
  if (now === then) return <span className="text-muted">same</span>;
  return <span className={now > then ? "text-crit" : "text-ok"}>{now > then ? "+" : "−"}{Math.abs(now - then)}</span>;
}

export function BacktestResults({ result }: { result: TargetBacktest }) {
  if (result.sampleCount === 0) {
    return (
      <p className="rounded-lg border border-dashed border-edge p-4 text-sm text-muted" data-testid="backtest-empty">
        No samples of this target between <LocalTime iso={result.from} /> and <LocalTime iso={result.to} />: it has not been scraped in that
        window (or its raw samples have passed retention), so there is nothing to replay.
      </p>
    );
  }
  const byName = (results: RuleBacktest[], name: string) => results.find((r) => r.rule === name);
  return (
    <div className="space-y-4" data-testid="backtest-results">
      <p className="text-sm text-muted">
        {result.sampleCount.toLocaleString("en")} samples from <LocalTime iso={result.firstSampleAt} /> to <LocalTime iso={result.to} />, evaluated
        every {result.evaluationIntervalSeconds} s (samples only: scrape failures do not hold alerts here).
      </p>
      <table className="w-full text-left text-sm">
        <thead className="text-muted">
          <tr>
            <th className="py-1 pr-4">Rule</th>
            <th className="py-1 pr-4">Current (v{result.current.version})</th>
            <th className="py-1 pr-4">Proposed</th>
            <th className="py-1 pr-4">Alerts fired: current → proposed</th>
            <th className="py-1 pr-4">Firing time: current → proposed</th>
          </tr>
        </thead>
        <tbody>
          {result.proposed.rules.map((rule) => {
            const now = byName(result.proposed.results, rule.name)!;
            const was = byName(result.current.results, rule.name);
            const currentRule = result.current.rules.find((r) => r.name === rule.name);
            return (
              <tr key={rule.name} className="border-t border-edge" data-testid={`backtest-row-${rule.name}`}>
                <td className="py-1 pr-4 font-semibold">{rule.name}</td>
                <td className="py-1 pr-4">{currentRule ? `> ${formatRatio(currentRule.threshold)} for ${formatSeconds(currentRule.forSeconds)}` : "—"}</td>
                <td className="py-1 pr-4">&gt; {formatRatio(rule.threshold)} for {formatSeconds(rule.forSeconds)}</td>
                <td className="py-1 pr-4">
                  {was?.alertsFired ?? 0} → <strong>{now.alertsFired}</strong> <Delta now={now.alertsFired} then={was?.alertsFired ?? 0} />
                </td>
                <td className="py-1 pr-4">
                  {formatSeconds(was?.firingSeconds ?? 0)} → <strong>{formatSeconds(now.firingSeconds)}</strong>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {result.proposed.results.map((r) => (
        <details key={r.rule} className="text-sm">
          <summary className="cursor-pointer">
            {r.rule}: when the proposed rule would have fired ({r.firingIntervals.length})
          </summary>
          <ul className="mt-1 space-y-0.5 pl-4 text-muted">
            {r.firingIntervals.slice(-20).map((i) => (
              <li key={i.start}>
                <LocalTime iso={iso(i.start)} /> → {i.ongoing ? "still firing at the end" : <LocalTime iso={iso(i.end)} />} ({formatSeconds(i.end - i.start)})
              </li>
            ))}
          </ul>
        </details>
      ))}
    </div>
  );
}
