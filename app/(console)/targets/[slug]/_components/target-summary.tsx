"use client";

import Link from "next/link";
import type { TargetView } from "@/lib/console/get-target-view";
import { formatMb, formatMinutes, formatPercent } from "@/lib/format";
import { StateBadge } from "@/app/(console)/_components/state-badge";
import { LocalTime } from "@/app/(console)/_components/local-time";
import { BellOffIcon } from "@/app/_components/icons";

// On a phone "Trend" is left out: the trend starts right below the summary, and the other four fit.
export const SECTIONS = [
  { id: "trend", label: "Trend" },
  { id: "diagnosis", label: "Diagnosis" },
  { id: "actions", label: "Actions" },
  { id: "consumers", label: "Consumers" },
  { id: "investigation", label: "Investigation" },
] as const;

const LEVEL_TONE = { "SEV-1": "text-crit", "SEV-2": "text-warn" } as const;

function Figure({ label, value, tone, testId, className = "" }: { label: string; value: string; tone?: string; testId?: string; className?: string }) {
  return (
    <div className={`min-w-0 ${className}`}>
      <div className="text-[11px] uppercase tracking-wide text-muted">{label}</div>
      <div data-testid={testId} className={`text-xl font-bold tabular-nums leading-tight ${tone ?? ""}`}>
        {value}
      </div>
    </div>
  );
}

/**
 * What an engineer needs at every scroll position: the state, how full, how long until the
 * limit, and a way to jump to the runbook actions. Sticks to the top of the viewport.
 */
export function TargetSummary({ view }: { view: TargetView }) {
  const { forecast, target, alert } = view;
  return (
    <div className="sticky top-0 z-20 -mx-4 border-b border-edge bg-surface/95 px-4 py-2 backdrop-blur" data-testid="target-summary">
      <div className="flex flex-wrap items-center gap-x-5 gap-y-2">
        <div className="flex min-w-0 flex-col">
          <StateBadge state={view.state} testId="target-state" />
          <span className="mt-0.5 truncate text-[11px] text-muted" data-testid="alert-detail">
            {alert?.since ? <>since <LocalTime iso={alert.since} /></> : alert ? "" : "not evaluated yet"}
            {alert?.noData ? " · no data" : ""}
            {alert?.stale ? " · evaluation stale" : ""}
          </span>
        </div>
        <Figure label="Used" value={formatPercent(view.percent)} tone={view.level ? LEVEL_TONE[view.level] : undefined} testId="stat-percent" />
        <Figure label="Memory" value={`${formatMb(forecast.currentMb)} / ${formatMb(target.limitMb)}`} className="hidden sm:block" />
        <Figure
          label="Time to limit"
          value={forecast.timeToLimitMinutes === null ? "not projected" : formatMinutes(forecast.timeToLimitMinutes)}
          tone={forecast.limitWithinHour ? "text-crit" : undefined}
          testId="stat-time-to-limit"
        />
        {(alert?.silencedUntil || alert?.openIncidentId) && (
          <div className="flex flex-col text-xs">
            {alert.silencedUntil && (
              <span className="text-warn"><BellOffIcon /> silenced until <LocalTime iso={alert.silencedUntil} /></span>
            )}
            {alert.openIncidentId && <Link href={`/incidents/${alert.openIncidentId}`} className="text-accent underline">incident #{alert.openIncidentId}</Link>}
          </div>
        )}
        <nav aria-label="Sections" className="-mx-1 flex w-full gap-0.5 overflow-x-auto text-sm lg:ml-auto lg:w-auto">
          {/* Top consumers come from the runbook API; a target without it has no such section. */}
          {SECTIONS.filter((section) => section.id !== "consumers" || view.capabilities.runbookApi).map((section) => (
            <a
              key={section.id}
              href={`#${section.id}`}
              className={`shrink-0 rounded-md px-2 py-1 ${section.id === "trend" ? "hidden sm:block" : ""} ${section.id === "actions" ? "border border-accent font-semibold text-accent" : "text-muted hover:bg-edge hover:text-ink"}`}
            >
              {section.label}
            </a>
          ))}
        </nav>
      </div>
    </div>
  );
}
