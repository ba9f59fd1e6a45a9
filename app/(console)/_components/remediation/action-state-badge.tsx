import type { ActionState } from "@/lib/remediation/action-view";

// Colour is never the only signal: each state has its icon and its words. The icons are glyphs
// that fonts-dejavu-core has, so a bare Debian shows them too.
const STYLES: Record<ActionState, { label: string; icon: string; className: string }> = {
  requested: { label: "Requested", icon: "•", className: "border-edge text-muted" },
  awaiting_approval: { label: "Awaiting approval", icon: "◔", className: "border-warn/60 bg-warn/10 text-warn" },
  approved: { label: "Approved", icon: "✓", className: "border-accent/60 text-accent" },
  rejected: { label: "Rejected", icon: "⊘", className: "border-edge text-muted" },
  withdrawn: { label: "Withdrawn", icon: "↩", className: "border-edge text-muted" },
  expired: { label: "Expired", icon: "◌", className: "border-edge text-muted" },
  running: { label: "Running", icon: "…", className: "border-accent bg-accent/10 text-accent" },
  succeeded: { label: "Succeeded", icon: "✓", className: "border-ok/60 bg-ok/10 text-ok" },
  failed: { label: "Failed", icon: "✕", className: "border-crit bg-crit/10 text-crit" },
  timed_out: { label: "Timed out", icon: "◷", className: "border-crit bg-crit/10 text-crit" },
};

export function ActionStateBadge({ state }: { state: ActionState }) {
  const style = STYLES[state];
  return (
    <span data-testid="action-state" data-state={state} className={`inline-flex items-center gap-1 rounded-md border px-2 py-0.5 text-xs font-semibold ${style.className}`}>
      <span aria-hidden>{style.icon}</span>
      {style.label}
    </span>
  );
}

export function RiskBadge({ risk }: { risk: "safe" | "disruptive" | "destructive" }) {
  const className = risk === "safe" ? "text-ok border-ok/40" : risk === "disruptive" ? "text-warn border-warn/50" : "text-crit border-crit/60";
  return <span className={`rounded border px-1.5 py-0.5 text-[11px] uppercase tracking-wide ${className}`}>{risk}</span>;
}
