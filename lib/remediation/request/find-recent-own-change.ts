import "server-only";
import { db } from "@/lib/db";

/** How long someone who changed a target's rules or drivers may not break glass on it alone. */
export const BREAK_GLASS_COOLDOWN_MS = 60 * 60_000;

const WHAT: Record<string, string> = {
  "threshold.changed": "alert rules",
  "target.changed": "settings (restart driver, memory limit, remediation or policy)",
};

/**
 * The person's own most recent change of this target's alert rules or settings within the last
 * hour, read from the audit trail. Changing the thresholds to fire a SEV-1 and then breaking glass
 * is one person running a restart alone: break-glass is refused to them until the hour is over.
 */
export async function findRecentOwnChange(options: { targetId: number; userId: number; at: Date }): Promise<{ what: string; at: Date } | null> {
  const change = await db.auditEvent.findFirst({
    where: {
      targetId: options.targetId,
      actorKind: "user",
      actorId: options.userId,
      type: { in: Object.keys(WHAT) },
      outcome: "ok",
      at: { gte: new Date(options.at.getTime() - BREAK_GLASS_COOLDOWN_MS) },
    },
    orderBy: { at: "desc" },
    select: { type: true, at: true },
  });
  return change ? { what: WHAT[change.type], at: change.at } : null;
}
