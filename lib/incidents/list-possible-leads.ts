import "server-only";
import { db } from "@/lib/db";
import { ROLES, hasPermission } from "@/lib/auth/permissions";

/** The people an incident's lead can be chosen from: active users who can respond to it. */
export async function listPossibleLeads(): Promise<{ id: number; email: string; name: string; role: string }[]> {
  const roles = ROLES.filter((role) => hasPermission(role, "respond:incident"));
  return db.user.findMany({ where: { disabled: false, role: { in: roles } }, select: { id: true, email: true, name: true, role: true }, orderBy: { email: "asc" } });
}
