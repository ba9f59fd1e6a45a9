import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";

let counter = 0;

/** A user straight in the database (no password unless given a hash), unique per call. */
export async function insertUser(role: Role, options: { disabled?: boolean; passwordHash?: string; key?: string } = {}) {
  counter += 1;
  return db.user.create({
    data: { email: `${options.key ?? role}-${counter}-${process.pid}@test.local`, name: `${role} ${counter}`, role, disabled: options.disabled ?? false, passwordHash: options.passwordHash ?? null },
    select: { id: true, email: true, name: true, role: true },
  });
}

/** Audit rows written after `afterId`, oldest first. */
export async function auditRowsAfter(afterId: bigint) {
  return db.auditEvent.findMany({ where: { id: { gt: afterId } }, orderBy: { id: "asc" } });
}

export async function lastAuditId(): Promise<bigint> {
  return (await db.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0n;
}

/** Everything the database holds about users and audit rows, as one searchable string. */
export async function dumpUsersAndAudit(): Promise<string> {
  const rows = [await db.user.findMany(), await db.auditEvent.findMany()];
  return JSON.stringify(rows, (_key, value) => (typeof value === "bigint" ? value.toString() : value));
}
