import Link from "next/link";
import type { TargetAlertSettings } from "@/lib/alerts/get-target-alert-settings";
import { formatRatio } from "@/lib/alerts/describe-alert";
import { StateBadge } from "@/app/(console)/_components/state-badge";
import { LocalTime } from "@/app/(console)/_components/local-time";
import { BellOffIcon } from "@/app/_components/icons";

export function AlertSummary({ settings }: { settings: TargetAlertSettings }) {
  const summary = settings.summary;
  if (!summary) {
    return (
      <p className="rounded-lg border border-dashed border-edge bg-panel/50 p-4 text-sm text-muted" data-testid="alert-summary">
        Not evaluated yet. The worker evaluates every target on a short interval (15 s by default); if this stays, check that the
        worker process is running.
      </p>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-x-6 gap-y-2 rounded-lg border border-edge bg-panel p-4 text-sm" data-testid="alert-summary">
      <StateBadge state={summary.state} testId={`alert-state-${settings.target.slug}`} />
      <span>
        since <LocalTime iso={summary.since} />
      </span>
      <span>memory {formatRatio(summary.value)} of {settings.target.memoryLimitMb.toLocaleString("en")} MB</span>
      {summary.noData && <span className="font-semibold text-crit">No data: the target stopped answering; the alert is held firing</span>}
      {summary.silencedUntil && (
        <span className="text-warn" data-testid="silenced-until">
          <BellOffIcon /> silenced until <LocalTime iso={summary.silencedUntil} /> ({summary.silenceComment})
        </span>
      )}
      {summary.openIncidentId !== null && (
        <Link href={`/incidents/${summary.openIncidentId}`} className="text-accent underline">
          Open incident #{summary.openIncidentId}
        </Link>
      )}
      <span className={summary.stale ? "font-semibold text-crit" : "text-muted"}>
        {summary.stale ? "⚠ stale: last evaluated " : "evaluated "}
        <LocalTime iso={summary.evaluatedAt} />
      </span>
    </div>
  );
}
