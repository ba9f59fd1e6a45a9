import "server-only";
import { db } from "@/lib/db";
import { getAlertOverview } from "@/lib/alerts/get-alert-overview";
import type { TargetAlertState } from "@/lib/alerts/target-alert-state";
import type { IncidentState } from "@/lib/incidents/incident-state";

export type ApprovalContext = {
  state: TargetAlertState | null;
  /** Memory used / limit at the last evaluation. */
  value: number | null;
  limitMb: number;
  incident: { id: number; state: IncidentState; acknowledgedBy: string | null } | null;
};

/** What a lead needs beside a request to decide it: the service's memory and alert now, and its incident; by target slug. */
export async function describeApprovalContext(options: { targetSlugs: string[] }): Promise<Record<string, ApprovalContext>> {
  const slugs = [...new Set(options.targetSlugs)];
  if (slugs.length === 0) return {};
  const targets = await db.target.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true, memoryLimitMb: true } });
  const alerts = await getAlertOverview({ targetIds: targets.map((t) => t.id) });
  return Object.fromEntries(
    targets.map((t) => {
      const alert = alerts.get(t.id) ?? null;
      return [t.slug, { state: alert?.state ?? null, value: alert?.value ?? null, limitMb: t.memoryLimitMb, incident: alert?.incident ?? null }];
    }),
  );
}
