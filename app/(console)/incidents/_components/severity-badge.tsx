import { StateBadge } from "@/app/(console)/_components/state-badge";

/** An incident's severity with the same badge the overview uses for the alert. */
export function SeverityBadge({ severity }: { severity: string }) {
  return severity === "SEV-1" || severity === "SEV-2" ? <StateBadge state={severity} /> : <span>{severity}</span>;
}
