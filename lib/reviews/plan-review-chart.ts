import type { ChartMarker } from "@/lib/metrics/chart-marker";
import type { ActionView } from "@/lib/remediation/action-view";
import type { ReviewTimelineEvent } from "./plan-review";

/** How much of before the incident and after it the review's chart shows. */
export const REVIEW_MARGIN_MS = 30 * 60_000;

/** A threshold or settings edit of the target, read from the audit trail (it is not on the incident's timeline). */
export type ConfigChange = { id: string; at: string; kind: "threshold_change" | "settings_change"; by: string | null; summary: string };

/** From 30 min before the incident opened to 30 min after it resolved (or now, while it is open). */
export function reviewWindowOf(options: { openedAt: string; resolvedAt: string | null; now: number }): { from: number; to: number } {
  const opened = Date.parse(options.openedAt);
  const end = options.resolvedAt === null ? options.now : Math.min(options.now, Date.parse(options.resolvedAt) + REVIEW_MARGIN_MS);
  return { from: opened - REVIEW_MARGIN_MS, to: Math.max(end, opened) };
}

const ACTION_TONES: Record<string, ChartMarker["tone"]> = { succeeded: "ok", failed: "crit", timed_out: "crit", running: "info" };
const ACTION_ICONS: Record<string, string> = { succeeded: "✓", failed: "✕", timed_out: "◷", running: "…" };
const TRANSITION_TONES: Record<string, ChartMarker["tone"]> = { firing: "crit", pending: "warn", inactive: "ok" };

type EventData = { incident?: string; severity?: string; to?: string; rule?: string; noData?: boolean; mitigation?: string } | null;

function eventMarker(event: ReviewTimelineEvent): Omit<ChartMarker, "t"> | null {
  const data = event.data as EventData;
  if (event.kind === "mitigation") return data?.mitigation === "mitigated" ? { label: "Mitigated", tone: "ok" } : { label: "Mitigation lost", tone: "crit" };
  if (event.kind !== "alert_transition") return null;
  switch (data?.incident) {
    case "opened": return { label: `Opened ${data.severity ?? ""}`.trim(), tone: "crit" };
    case "escalated": return { label: `Escalated to ${data.severity ?? "SEV-1"}`, tone: "crit" };
    case "continued": return { label: "Firing again", tone: "crit" };
    case "grace": return { label: "Alert resolved", tone: "ok" };
    case "resolved": return { label: "Incident resolved", tone: "ok" };
  }
  if (typeof data?.noData === "boolean") return data.noData ? { label: "No data", tone: "warn" } : { label: "Data back", tone: "info" };
  if (data?.rule && data.to) return { label: `${data.rule} ${data.to === "inactive" ? "resolved" : data.to}`, tone: TRANSITION_TONES[data.to] ?? "info" };
  return null;
}

/**
 * Everything that happened in the window, as chart markers: alert transitions and mitigation from
 * the timeline, each action's approval and run (restarts included), and threshold or settings edits.
 */
export function planReviewMarkers(options: {
  events: readonly ReviewTimelineEvent[];
  actions: readonly ActionView[];
  changes: readonly ConfigChange[];
  window: { from: number; to: number };
}): ChartMarker[] {
  const markers: ChartMarker[] = [];
  for (const event of options.events) {
    const marker = eventMarker(event);
    if (marker) markers.push({ t: Date.parse(event.at), ...marker });
  }
  for (const action of options.actions) {
    const glass = action.breakGlass ? "⚠ " : "";
    if (action.decidedAt && action.decidedBy && action.transitions.some((s) => s.state === "approved")) {
      markers.push({ t: Date.parse(action.decidedAt), label: `Approved: ${action.label}`, tone: "info" });
    }
    if (action.startedAt) {
      markers.push({ t: Date.parse(action.startedAt), label: `${glass}${action.label} ${ACTION_ICONS[action.state] ?? ""}`.trim(), tone: ACTION_TONES[action.state] ?? "info" });
    }
  }
  for (const change of options.changes) {
    markers.push({ t: Date.parse(change.at), label: change.kind === "threshold_change" ? "Thresholds changed" : "Settings changed", tone: "warn" });
  }
  return markers.filter((m) => m.t >= options.window.from && m.t <= options.window.to).sort((a, b) => a.t - b.t);
}
