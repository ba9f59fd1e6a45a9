import "server-only";
import { db as defaultDb, type Db } from "@/lib/db";
import type { ChartMarker } from "@/lib/metrics/chart-marker";
import type { RunbookActionId } from "@/lib/diagnosis/runbook-actions";
import { getActionDefinition } from "@/lib/remediation/action-catalogue";

const TONES: Record<string, ChartMarker["tone"]> = { succeeded: "ok", failed: "crit", timed_out: "crit", running: "info" };
const ICONS: Record<string, string> = { succeeded: "✓", failed: "✕", timed_out: "◷", running: "…" };

/** Actions that ran on the target in [from, to], as chart markers at the moment they started. */
export async function listActionMarkers(options: { targetId: number; from: Date; to: Date; db?: Db }): Promise<ChartMarker[]> {
  const db = options.db ?? defaultDb;
  const rows = await db.remediationAction.findMany({
    where: { targetId: options.targetId, startedAt: { gte: options.from, lte: options.to } },
    select: { actionId: true, state: true, startedAt: true, breakGlass: true },
    orderBy: { startedAt: "asc" },
    take: 200,
  });
  return rows.map((row) => ({
    t: row.startedAt!.getTime(),
    label: `${row.breakGlass ? "⚠ " : ""}${getActionDefinition(row.actionId as RunbookActionId)?.label ?? row.actionId} ${ICONS[row.state] ?? ""}`.trim(),
    tone: TONES[row.state] ?? "info",
  }));
}
