import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { readDbConnections, type DbConnections } from "@/lib/investigation/read-db-connections";

export type TargetDbConnections = { configured: false } | ({ configured: true } & DbConnections);

/** The runbook's connection count on a target's own PostgreSQL, when an admin configured one. */
export async function readTargetDbConnections(options: { slug: string }): Promise<TargetDbConnections> {
  const target = await db.target.findUnique({ where: { slug: options.slug }, select: { diagnosticsDatabaseUrl: true } });
  if (!target) throw new AppError("NOT_FOUND", `No target "${options.slug}".`);
  if (!target.diagnosticsDatabaseUrl) return { configured: false };
  return { configured: true, ...(await readDbConnections({ url: target.diagnosticsDatabaseUrl })) };
}
