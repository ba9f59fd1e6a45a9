import "server-only";
import { db } from "@/lib/db";
import { actionInclude, toActionView } from "@/lib/remediation/action-rows";
import type { ActionView } from "@/lib/remediation/action-view";
import { expireApprovals } from "@/lib/remediation/request/expire-approvals";

/** Every destructive request waiting for a lead, oldest first (they expire first). */
export async function listPendingApprovals(options: { now?: Date } = {}): Promise<ActionView[]> {
  await expireApprovals({ now: options.now });
  const rows = await db.remediationAction.findMany({ where: { state: "awaiting_approval" }, include: actionInclude, orderBy: { requestedAt: "asc" }, take: 200 });
  return rows.map(toActionView);
}
