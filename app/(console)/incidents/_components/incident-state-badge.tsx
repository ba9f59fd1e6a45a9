import type { IncidentState } from "@/lib/incidents/incident-state";

// Colour is never the only signal: each state has its own icon and word (glyphs the console's
// font has: an emoji such as ✋ rendered as an empty box on Debian's Chromium).
const STYLES: Record<IncidentState, { icon: string; className: string }> = {
  open: { icon: "●", className: "border-crit bg-crit/15 text-crit" },
  acknowledged: { icon: "◉", className: "border-warn bg-warn/15 text-warn" },
  mitigated: { icon: "▼", className: "border-accent bg-accent/15 text-accent" },
  resolved: { icon: "✓", className: "border-ok/60 bg-ok/10 text-ok" },
  reviewed: { icon: "✎", className: "border-edge bg-edge/40 text-muted" },
};

export function IncidentStateBadge({ state, testId }: { state: IncidentState; testId?: string }) {
  const style = STYLES[state];
  return (
    <span data-testid={testId} data-state={state} className={`inline-flex shrink-0 items-center gap-1 rounded-md border px-2 py-0.5 text-xs font-semibold whitespace-nowrap ${style.className}`}>
      <span aria-hidden>{style.icon}</span>
      {state}
    </span>
  );
}
