"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter, useSearchParams } from "next/navigation";
import type { TargetView } from "@/lib/console/get-target-view";
import { RANGES, type RangeKey } from "@/lib/console/ranges";
import { fetchJson } from "@/lib/console/fetch-json";
import { formatAge, formatMb, formatMinutes, formatPercent, formatSignedMb } from "@/lib/format";
import { MemoryChart } from "@/app/(console)/targets/[slug]/_components/memory-chart";
import { ComponentStackChart } from "@/app/(console)/targets/[slug]/_components/component-stack-chart";
import { ConsumersPanel } from "@/app/(console)/targets/[slug]/_components/consumers-panel";
import { InvestigationPanels } from "@/app/(console)/targets/[slug]/_components/investigation-panels";
import { DbConnectionsPanel } from "@/app/(console)/targets/[slug]/_components/db-connections-panel";
import { RedisMemoryPanel } from "@/app/(console)/targets/[slug]/_components/redis-memory-panel";
import { DiagnosisPanel } from "@/app/(console)/targets/[slug]/_components/diagnosis-panel";
import { RUNBOOK_API_MISSING } from "@/lib/targets/target-capabilities";

function Section({ title, children, id }: { title: string; children: React.ReactNode; id?: string }) {
  return (
    <section id={id} className="rounded-lg border border-edge bg-panel p-4" aria-label={title}>
      <h2 className="mb-3 text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

function Stat({ label, value, tone, testId }: { label: string; value: string; tone?: "crit" | "warn"; testId?: string }) {
  return (
    <div>
      <div className="text-xs uppercase tracking-wide text-muted">{label}</div>
      <div data-testid={testId} className={`text-2xl font-bold tabular-nums ${tone === "crit" ? "text-crit" : tone === "warn" ? "text-warn" : ""}`}>
        {value}
      </div>
    </div>
  );
}

export function TargetDashboard({ initial }: { initial: TargetView }) {
  const router = useRouter();
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
  const { forecast, target } = view;
  const percent = forecast.currentMb === null ? null : (forecast.currentMb / target.limitMb) * 100;
  const setRange = (next: RangeKey) => {
    const params = new URLSearchParams(searchParams);
    params.set("range", next);
    router.replace(`?${params.toString()}`, { scroll: false });
  };
  const growth = forecast.growthMbPer5m;
  const multiDay = RANGES[range] > 24 * 3_600_000;
  return (
    <div className="space-y-5">
      {query.isError && (
        <p role="status" className="rounded-md border border-crit/50 bg-crit/10 px-3 py-2 text-sm text-crit">
          ⚠ Live updates failed: {query.error.message}
        </p>
      )}
      {target.lastScrapeOk === false && (
        <p role="status" className="rounded-md border border-crit bg-crit/10 px-3 py-2 text-crit" data-testid="target-down">
          ✕ The target stopped answering ({formatAge(target.lastScrapeAt)}): {target.lastScrapeError}
        </p>
      )}
      <div className="grid grid-cols-2 gap-4 rounded-lg border border-edge bg-panel p-4 sm:grid-cols-3 lg:grid-cols-5">
        <Stat label="Used" value={formatPercent(percent)} tone={percent !== null && percent > 95 ? "crit" : percent !== null && percent > 85 ? "warn" : undefined} testId="stat-percent" />
        <Stat label="Memory" value={`${formatMb(forecast.currentMb)}`} />
        <Stat label="Growth / 5 min" value={formatSignedMb(growth.theilSen, 1)} testId="stat-growth" />
        <Stat label="Time to limit" value={forecast.timeToLimitMinutes === null ? "not projected" : formatMinutes(forecast.timeToLimitMinutes)} tone={forecast.limitWithinHour ? "crit" : undefined} testId="stat-time-to-limit" />
        <Stat label="Runbook diff-mean" value={formatSignedMb(growth.diffMean, 1)} />
      </div>
      {forecast.limitWithinHour && (
        <p className="rounded-md border border-crit bg-crit/15 px-3 py-2 font-semibold text-crit" data-testid="limit-warning">
          ⚠ WARNING: memory limit will be reached within 1 hour at the current growth rate
        </p>
      )}
      <Section title="Memory trend">
        <div className="mb-2 flex flex-wrap items-center gap-2" role="group" aria-label="Time range">
          {(Object.keys(RANGES) as RangeKey[]).map((key) => (
            <button key={key} type="button" onClick={() => setRange(key)} aria-pressed={key === range} className={`rounded-md px-3 py-1 text-sm ${key === range ? "bg-accent font-semibold text-surface" : "border border-edge text-muted hover:text-ink"}`}>
              {key}
            </button>
          ))}
          <span className="ml-auto text-xs text-muted">
            {view.memory.points.length} of {view.memory.sourcePoints} {view.memory.source === "raw" ? "samples" : "5-min peaks"}
            {forecast.timeToLimitMinutes === null ? " · forecast: not projected to reach the limit" : " · dashed: projection to the limit"}
          </span>
        </div>
        {view.memory.points.length === 0 ? (
          <p className="py-16 text-center text-muted" data-testid="chart-empty">
            No memory samples in the last {range}. {target.lastScrapeAt ? "The collector has not stored any for this range." : "This target has not been scraped yet."}
          </p>
        ) : (
          <MemoryChart points={view.memory.points} projection={view.projection} limitMb={target.limitMb} from={Date.parse(view.memory.from)} to={Date.parse(view.memory.to)} markers={view.markers} multiDay={multiDay} />
        )}
      </Section>
      <Section title="Diagnosis (last 3 hours)">
        <DiagnosisPanel diagnosis={view.diagnosis} />
      </Section>
      {view.capabilities.runbookApi && (
        <Section title="Top consumers">
          <ConsumersPanel consumers={view.consumers} rangeLabel={range} />
        </Section>
      )}
      <Section title="Memory by component">
        <ComponentStackChart points={view.components} multiDay={multiDay} />
      </Section>
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
  );
}
