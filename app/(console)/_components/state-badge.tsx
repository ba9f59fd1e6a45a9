import type { TargetAlertState } from "@/lib/alerts/target-alert-state";
import { StopIcon } from "@/app/_components/icons";

// Colour is never the only signal: each state has its own icon and word.
const STYLES: Record<TargetAlertState, { label: string; icon: React.ReactNode; className: string }> = {
  ok: { label: "OK", icon: "✓", className: "border-ok/50 bg-ok/10 text-ok" },
  pending: { label: "Pending", icon: "◔", className: "border-warn/50 bg-warn/10 text-warn" },
  "SEV-2": { label: "SEV-2", icon: "▲", className: "border-warn bg-warn/20 text-warn" },
  "SEV-1": { label: "SEV-1", icon: <StopIcon />, className: "border-crit bg-crit/20 text-crit" },
  no_data: { label: "No data", icon: "?", className: "border-edge bg-edge/40 text-muted" },
};

export function StateBadge({ state, testId }: { state: TargetAlertState; testId?: string }) {
  const style = STYLES[state];
  return (
    <span
      data-testid={testId}
      data-state={state}
      className={`inline-flex shrink-0 items-center gap-1.5 rounded-md border px-2 py-0.5 text-sm font-semibold whitespace-nowrap ${style.className}`}
    >
      <span aria-hidden className="inline-flex">{style.icon}</span>
      {style.label}
    </span>
  );
}

export const STATE_RANK: Record<TargetAlertState, number> = { "SEV-1": 0, "SEV-2": 1, pending: 2, no_data: 3, ok: 4 };
