"use client";

import Link from "next/link";
import type { OverviewTarget } from "@/lib/console/get-overview";
import { describeTimeToLimit } from "@/lib/forecast/describe-forecast";
import { formatAge, formatMb, formatPercent, formatSignedMb, formatTime } from "@/lib/format";
import { StateBadge, type TargetState } from "@/app/(console)/_components/state-badge";
import { Sparkline } from "@/app/(console)/_components/sparkline";

const STALE_MS = 5 * 60_000;

export function targetStateOf(target: OverviewTarget): TargetState {
  if (target.alert) return target.alert.state;
  if (!target.currentAt || Date.now() - Date.parse(target.currentAt) > STALE_MS) return "no_data";
  return "ok";
}

export function TargetCard({ target }: { target: OverviewTarget }) {
  const state = targetStateOf(target);
  const growth = target.forecast.growthMbPer5m.theilSen;
  const border = state === "SEV-1" ? "border-crit" : state === "SEV-2" || state === "pending" ? "border-warn" : "border-edge";
  return (
    <li className={`rounded-lg border-2 ${border} bg-panel p-4`} data-testid={`target-card-${target.slug}`}>
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <Link href={`/targets/${target.slug}`} className="block truncate text-lg font-semibold hover:underline">
            {target.name}
          </Link>
          <div className="text-xs text-muted">{target.slug}</div>
        </div>
        <StateBadge state={state} testId={`target-state-${target.slug}`} />
      </div>
      <div className="mt-3 flex items-baseline gap-2">
        <span className="text-4xl font-bold tabular-nums" data-testid={`target-percent-${target.slug}`}>
          {formatPercent(target.percent)}
        </span>
        <span className="text-sm text-muted">
          {formatMb(target.currentMb)} of {formatMb(target.limitMb)}
        </span>
      </div>
      <Sparkline points={target.sparkline} limitMb={target.limitMb} />
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
          <dd className={target.lastScrapeOk === false ? "font-semibold text-crit" : ""} title={target.lastScrapeError ?? undefined}>
            {target.lastScrapeOk === false ? "✕ down " : ""}
            {formatAge(target.lastScrapeAt)}
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
          {target.alert.silencedUntil && <span className="text-warn">🔕 silenced until {formatTime(target.alert.silencedUntil, true)}</span>}
          {target.alert.openIncidentId && (
            <Link href={`/incidents/${target.alert.openIncidentId}`} className="text-accent underline">
              incident #{target.alert.openIncidentId}
            </Link>
          )}
        </p>
      )}
      {target.lastScrapeOk === false && target.lastScrapeError && (
        <p className="mt-2 truncate text-xs text-crit" title={target.lastScrapeError}>
          {target.lastScrapeError}
        </p>
      )}
    </li>
  );
}
