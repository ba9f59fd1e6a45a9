import "server-only";
import { db } from "@/lib/db";
import { describeRuleChanges } from "@/lib/alerts/describe-rule-changes";
import type { ConfigChange } from "./plan-review-chart";

type Parameters = { old?: unknown; new?: unknown; version?: unknown; comment?: unknown } & Record<string, unknown>;

// Save-target records {old, new}; the remediation and policy forms record their section only.
function settingsSummary(parameters: Parameters): string {
  if (parameters.old && parameters.new && typeof parameters.old === "object" && typeof parameters.new === "object") {
    const before = parameters.old as Record<string, unknown>;
    const after = parameters.new as Record<string, unknown>;
    const keys = Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    return `Settings changed${keys.length ? `: ${keys.join(", ")}` : ""}`;
  }
  const section = Object.keys(parameters)[0];
  return section === "remediation" ? "Remediation settings changed" : section === "autoRemediation" ? "Auto-remediation policy changed" : "Settings changed";
}

/**
 * The target's threshold and settings edits in [from, to], from the audit trail, oldest first:
 * the review shows them beside the timeline, since an edit can open or end an incident.
 */
export async function listConfigChanges(options: { targetId: number; from: Date; to: Date }): Promise<ConfigChange[]> {
  const rows = await db.auditEvent.findMany({
    where: { targetId: options.targetId, type: { in: ["threshold.changed", "target.changed"] }, outcome: "ok", at: { gte: options.from, lte: options.to } },
    select: { id: true, at: true, type: true, actorLabel: true, parameters: true },
    orderBy: { at: "asc" },
    take: 100,
  });
  return rows.map((row) => {
    const parameters = (row.parameters ?? {}) as Parameters;
    const by = row.actorLabel ?? null;
    if (row.type === "threshold.changed") {
      const lines = describeRuleChanges(parameters.old, parameters.new);
      const comment = typeof parameters.comment === "string" && parameters.comment ? ` (“${parameters.comment}”)` : "";
      return { id: `audit-${row.id}`, at: row.at.toISOString(), kind: "threshold_change", by, summary: `Thresholds changed by ${by ?? "someone"}: ${lines.join("; ") || "no visible difference"}${comment}` };
    }
    return { id: `audit-${row.id}`, at: row.at.toISOString(), kind: "settings_change", by, summary: `${settingsSummary(parameters)} by ${by ?? "someone"}` };
  });
}
