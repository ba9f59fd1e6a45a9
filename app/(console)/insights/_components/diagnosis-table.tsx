import { describeDiagnosisKey, describeFreed, describeShare, describeTogether } from "@/lib/insights/describe-insight";
import type { DiagnosisInsight, MitigationInsight } from "@/lib/insights/summarize-insights";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

// On a phone each row becomes a card and each cell says its column's name (data-label), so the
// table needs no sideways scrolling at 390 px.
const cell = "block px-3 py-1 md:table-cell md:py-2 before:mr-1 before:text-muted before:content-[attr(data-label)':'] md:before:content-none";

function Row({ m }: { m: MitigationInsight }) {
  return (
    <tr className="block border-t border-edge py-2 md:table-row md:py-0" data-testid={`insight-row-${m.actionId}`}>
      <th scope="row" className="block px-3 py-1 text-left font-medium md:table-cell md:py-2">
        {m.label}
        {m.failed > 0 && <span className="ml-2 text-xs font-normal text-muted">({plural(m.failed, "failed run")}, not counted)</span>}
      </th>
      <td className={cell} data-label="Uses">
        {plural(m.uses, "use")}
        {m.incidents > 0 && <span className="text-muted"> in {plural(m.incidents, "incident")}</span>}
      </td>
      <td className={cell} data-label="Freed, measured alone">
        {describeFreed(m.alone) ?? <span className="text-muted">none</span>}
        {m.unmeasured > 0 && <span className="block text-xs text-muted">{m.unmeasured} without a figure (still measuring, or no samples)</span>}
      </td>
      <td className={cell} data-label="Measured together with other actions">{describeTogether(m)}</td>
      <td className={cell} data-label="Back above SEV-2 within 30 min">{describeShare(m.backAboveThreshold, m.uses)}</td>
      <td className={cell} data-label="Restart within 30 min">{describeShare(m.restartFollowed, m.uses)}</td>
    </tr>
  );
}

export function DiagnosisTable({ insight }: { insight: DiagnosisInsight }) {
  const title = describeDiagnosisKey(insight.pattern, insight.component);
  const headingId = `insight-${insight.key.replace(/[^a-z_]/g, "-")}`;
  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-edge bg-panel" data-testid={`insight-${insight.key}`}>
      <h2 id={headingId} className="px-4 pt-3 text-lg font-semibold">
        {title}
        <span className="block text-sm font-normal text-muted md:ml-2 md:inline">{plural(insight.uses, "use")}</span>
      </h2>
      <table className="mt-2 block w-full text-sm md:table md:table-fixed">
        <colgroup className="hidden md:table-column-group">
          <col className="md:w-[22%]" />
          <col className="md:w-[11%]" />
          <col className="md:w-[19%]" />
          <col className="md:w-[20%]" />
          <col className="md:w-[14%]" />
          <col className="md:w-[14%]" />
        </colgroup>
        <thead className="hidden text-left text-muted md:table-header-group">
          <tr>
            <th className="px-3 py-2 font-normal">Mitigation</th>
            <th className="px-3 py-2 font-normal">Uses</th>
            <th className="px-3 py-2 font-normal">Freed, measured alone</th>
            <th className="px-3 py-2 font-normal">Measured together with other actions</th>
            <th className="px-3 py-2 font-normal">Back above SEV-2 within 30 min</th>
            <th className="px-3 py-2 font-normal">Restart within 30 min</th>
          </tr>
        </thead>
        <tbody className="block md:table-row-group">
          {insight.mitigations.map((m) => (
            <Row key={m.actionId} m={m} />
          ))}
        </tbody>
      </table>
    </section>
  );
}
