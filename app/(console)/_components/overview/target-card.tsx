"use client";

import Link from "next/link";
import type { OverviewTarget } from "@/lib/console/get-overview";
import { describeTimeToLimit } from "@/lib/forecast/describe-forecast";
import { formatMb, formatPercent, formatSignedMb, formatTime } from "@/lib/format";
import { StateBadge } from "@/app/(console)/_components/state-badge";
import { Sparkline } from "@/app/(console)/_components/sparkline";
import { Age } from "@/app/(console)/_components/local-time";
import { BellOffIcon } from "@/app/_components/icons";
import { useClock } from "@/app/_components/clock";

const LEVEL_TONE = { "SEV-1": "text-crit", "SEV-2": "text-warn" } as const;

export function TargetCard({ target, generatedAt }: { target: OverviewTarget; generatedAt: string }) {
  const { timeZone } = useClock();
  const { state, data } = target;
  const growth = target.forecast.growthMbPer5m.theilSen;
  const border = state === "SEV-1" ? "border-crit" : state === "SEV-2" || state === "pending" ? "border-warn" : "border-edge";
  return (
    <li className={`min-w-0 rounded-lg border-2 ${border} bg-panel p-4`} data-testid={`target-card-${target.slug}`} data-data-state={data.status}>
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <Link href={`/targets/${target.slug}`} className="block truncate text-lg font-semibold hover:underline">
            {target.name}
          </Link>
          <div className="truncate text-xs text-muted">{target.slug}</div>
        </div>
        <StateBadge state={state} testId={`target-state-${target.slug}`} />
      </div>
      <div className="mt-3 flex flex-wrap items-baseline gap-x-2">
        <span className={`text-4xl font-bold tabular-nums ${target.level ? LEVEL_TONE[target.level] : ""}`} data-testid={`target-percent-${target.slug}`}>
          {formatPercent(target.percent)}
        </span>
        <span className="text-sm text-muted">
          {formatMb(target.currentMb)} of {formatMb(target.limitMb)}
        </span>
      </div>
      {target.sparkline.length < 2 ? (
        <div className="flex h-12 items-center text-xs text-muted">{data.message ?? "Too few samples in the last hour to draw."}</div>
      ) : (
        <Sparkline points={target.sparkline} limitMb={target.limitMb} thresholds={target.thresholds} to={Date.parse(generatedAt)} />
      )}
      <dl className="mt-2 grid grid-cols-3 gap-2 text-sm">
        <div>
          <dt className="text-xs text-muted">Growth / 5 min</dt>
          <dd className="font-semibold tabular-nums">{formatSignedMb(growth, 1)}</dd>
        </div>
        <div>
          <dt className="text-xs text-muted">Time to limit</dt>
          <dd className={`font-semibold ${target.forecast.limitWithinHour ? "text-crit" : ""}`}>
            {describeTimeToLimit(target.forecast)}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-muted">Last scrape</dt>
          <dd className={data.status === "target_down" ? "font-semibold text-crit" : ""} title={target.lastScrapeError ?? undefined}>
            {data.status === "target_down" ? "✕ down " : ""}
            <Age iso={target.lastScrapeAt} />
          </dd>
        </div>
      </dl>
      {target.forecast.limitWithinHour && (
        <p className="mt-2 rounded border border-crit/60 bg-crit/10 px-2 py-1 text-sm font-semibold text-crit" data-testid={`limit-warning-${target.slug}`}>
          ⚠ Limit within 1 hour at the current growth
        </p>
      )}
      {(target.alert?.silencedUntil || target.alert?.openIncidentId) && (
        <p className="mt-2 flex flex-wrap gap-x-3 text-xs" data-testid={`alert-extras-${target.slug}`}>
          {target.alert.silencedUntil && (
            <span className="text-warn">
              <BellOffIcon /> silenced until {formatTime(target.alert.silencedUntil, true, timeZone)}
            </span>
          )}
          {target.alert.openIncidentId && (
            <Link href={`/incidents/${target.alert.openIncidentId}`} className="text-accent underline">
              incident #{target.alert.openIncidentId}
            </Link>
          )}
        </p>
      )}
      {data.status !== "ok" && target.sparkline.length >= 2 && (
        <p className={`mt-2 line-clamp-3 break-words text-xs ${data.status === "target_down" ? "text-crit" : "text-warn"}`} title={data.message ?? undefined} data-testid={`data-state-${target.slug}`}>
          {data.message}
        </p>
      )}
    </li>
  );
}
