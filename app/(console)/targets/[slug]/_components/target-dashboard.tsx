"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter, useSearchParams } from "next/navigation";
import type { TargetView } from "@/lib/console/get-target-view";
import { RANGES, type RangeKey } from "@/lib/console/ranges";
import { fetchJson } from "@/lib/console/fetch-json";
import { describeForecastFit } from "@/lib/forecast/describe-forecast";
import { formatSignedMb } from "@/lib/format";
import { MemoryChart } from "@/app/(console)/targets/[slug]/_components/memory-chart";
import { ComponentStackChart } from "@/app/(console)/targets/[slug]/_components/component-stack-chart";
import { ConsumersPanel } from "@/app/(console)/targets/[slug]/_components/consumers-panel";
import { InvestigationPanels } from "@/app/(console)/targets/[slug]/_components/investigation-panels";
import { DbConnectionsPanel } from "@/app/(console)/targets/[slug]/_components/db-connections-panel";
import { RedisMemoryPanel } from "@/app/(console)/targets/[slug]/_components/redis-memory-panel";
import { DiagnosisPanel } from "@/app/(console)/targets/[slug]/_components/diagnosis-panel";
import { CHART_SOURCE_WORDS } from "@/lib/metrics/describe-chart-source";
import type { DiagnosisInsight } from "@/lib/insights/summarize-insights";
import { TargetSummary } from "@/app/(console)/targets/[slug]/_components/target-summary";
import { LocalTime } from "@/app/(console)/_components/local-time";
import { useClock } from "@/app/_components/clock";
import { RUNBOOK_API_MISSING } from "@/lib/targets/target-capabilities";

function Section({ title, children, id }: { title: string; children: React.ReactNode; id?: string }) {
  return (
    <section id={id} className="min-w-0 scroll-mt-32 rounded-lg border border-edge bg-panel p-4" aria-label={title}>
      <h2 className="mb-3 text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

/**
 * The target page below its title: a sticky summary, then the sections in the order an
 * engineer works through them (trend, diagnosis, the runbook actions, then the detail).
 * `actions` is the actions panel, rendered by the page with its own data.
 */
export function TargetDashboard({ initial, actions, canRespond, history }: { initial: TargetView; actions: React.ReactNode; canRespond: boolean; history: readonly DiagnosisInsight[] }) {
  const router = useRouter();
  const { timeZone } = useClock();
  const searchParams = useSearchParams();
  const range = initial.range;
  const slug = initial.target.slug;
  const query = useQuery({
    queryKey: ["targets", slug, "view", range],
    queryFn: () => fetchJson<TargetView>(`/api/console/targets/${slug}?range=${range}`),
    initialData: initial,
    refetchInterval: 15_000,
  });
  const view = query.data;
  const { forecast, target, data } = view;
  const setRange = (next: RangeKey) => {
    const params = new URLSearchParams(searchParams);
    params.set("range", next);
    router.replace(`?${params.toString()}`, { scroll: false });
  };
  const growth = forecast.growthMbPer5m;
  const multiDay = RANGES[range] > 24 * 3_600_000;
  const historyStartsLate = view.axis.from > Date.parse(view.memory.from) + 60_000;
  return (
    <div className="space-y-5">
      <TargetSummary view={view} canRespond={canRespond} />
      {query.isError && (
        <p role="status" className="rounded-md border border-crit/50 bg-crit/10 px-3 py-2 text-sm text-crit">
          ⚠ Live updates failed: {query.error.message}
        </p>
      )}
      {(data.status === "target_down" || data.status === "stale") && (
        <p role="status" className="rounded-md border border-crit bg-crit/10 px-3 py-2 text-crit" data-testid={data.status === "target_down" ? "target-down" : "data-stale"}>
          ✕ {data.message}
          {data.lastSampleAt && <span className="text-sm"> Last sample: <LocalTime iso={data.lastSampleAt} />.</span>}
        </p>
      )}
      {view.target.scrapeWarning && (
        <p role="status" className="wrap-anywhere rounded-md border border-warn/60 bg-warn/10 px-3 py-2 text-sm text-warn" data-testid="scrape-warning">
          ⚠ {view.target.scrapeWarning}
        </p>
      )}
      {forecast.limitWithinHour && (
        <p className="rounded-md border border-crit bg-crit/15 px-3 py-2 font-semibold text-crit" data-testid="limit-warning">
          ⚠ WARNING: memory limit will be reached within 1 hour at the current growth rate
        </p>
      )}
      <Section title="Memory trend" id="trend">
        <div className="mb-2 flex flex-wrap items-center gap-2" role="group" aria-label="Time range">
          {(Object.keys(RANGES) as RangeKey[]).map((key) => (
            <button key={key} type="button" onClick={() => setRange(key)} aria-pressed={key === range} className={`rounded-md px-3 py-1 text-sm ${key === range ? "bg-accent font-semibold text-surface" : "border border-edge text-muted hover:text-ink"}`}>
              {key}
            </button>
          ))}
          <dl className="ml-auto flex flex-wrap gap-x-4 text-sm">
            <div className="flex gap-1"><dt className="text-muted">Growth / 5 min</dt><dd className="font-semibold tabular-nums" data-testid="stat-growth">{formatSignedMb(growth.theilSen, 1)}</dd></div>
            <div className="flex gap-1"><dt className="text-muted">runbook diff-mean</dt><dd className="tabular-nums">{formatSignedMb(growth.diffMean, 1)}</dd></div>
          </dl>
        </div>
        <p className="mb-2 text-xs text-muted">
          {view.memory.points.length} of {view.memory.sourcePoints} {CHART_SOURCE_WORDS[view.memory.source]}
          {historyStartsLate && <> · history starts <LocalTime iso={new Date(view.axis.from).toISOString()} /></>}
          {forecast.timeToLimitMinutes === null ? " · forecast " : " · dashed: projection to the limit; "}
          <span data-testid="forecast-fit">{describeForecastFit(forecast, timeZone)}</span>
        </p>
        {view.memory.points.length === 0 ? (
          <p className="py-16 text-center text-muted" data-testid="chart-empty">
            {data.status === "no_data" ? data.message : `No memory samples in this range.`}
          </p>
        ) : (
          <MemoryChart points={view.memory.points} projection={view.projection} limitMb={target.limitMb} thresholds={view.thresholds} axis={view.axis} markers={view.markers} multiDay={multiDay} />
        )}
      </Section>
      <Section title="Diagnosis (last 3 hours)" id="diagnosis">
        <DiagnosisPanel diagnosis={view.diagnosis} history={history} slug={view.target.slug} />
      </Section>
      {actions}
      {view.capabilities.runbookApi && (
        <Section title="Top consumers" id="consumers">
          <ConsumersPanel consumers={view.consumers} callout={view.consumerCallout} rangeLabel={range} />
        </Section>
      )}
      <Section title="Memory by component">
        <ComponentStackChart points={view.components} multiDay={multiDay} />
      </Section>
      <div id="investigation" className="scroll-mt-32 space-y-4">
        {view.capabilities.runbookApi ? (
          <InvestigationPanels snapshots={view.snapshots} />
        ) : (
          <p className="rounded-lg border border-edge bg-panel p-4 text-sm text-muted" data-testid="capability-note">{RUNBOOK_API_MISSING}</p>
        )}
        <div className="grid gap-4 lg:grid-cols-2">
          <DbConnectionsPanel slug={slug} />
          <RedisMemoryPanel slug={slug} />
        </div>
      </div>
    </div>
  );
}
