import "server-only";
import { db } from "@/lib/db";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import type { RequestMeta } from "@/lib/audit/request-meta";
import { AppError } from "@/lib/errors";
import { maskUrlPassword } from "@/lib/mask-url-password";
import type { TargetInput } from "@/lib/targets/target-schema";

type Actor = { id: number; email: string; role: string };

export async function createTarget(options: { slug: string; input: TargetInput }) {
  const existing = await db.target.findUnique({ where: { slug: options.slug }, select: { id: true } });
  if (existing) throw new AppError("CONFLICT", `A target "${options.slug}" already exists.`);
  const { clearDiagnosticsDatabaseUrl: _clear, ...data } = options.input;
  return db.target.create({ data: { slug: options.slug, ...data }, select: { id: true, slug: true } });
}

/**
 * Saves a target's collection settings and records the change (old → new) in the audit trail.
 * An empty diagnostics URL keeps the stored one (the form never shows its password);
 * `clearDiagnosticsDatabaseUrl` forgets it.
 */
export async function updateTarget(options: { targetId: number; input: TargetInput; actor: Actor; meta?: RequestMeta | null }) {
  return db.$transaction(async (tx) => {
    const before = await tx.target.findUniqueOrThrow({
      where: { id: options.targetId },
      select: { name: true, baseUrl: true, memoryLimitMb: true, scrapeIntervalSeconds: true, enabled: true, diagnosticsDatabaseUrl: true },
    });
    const { clearDiagnosticsDatabaseUrl, ...input } = options.input;
    const diagnosticsDatabaseUrl = clearDiagnosticsDatabaseUrl ? null : (input.diagnosticsDatabaseUrl ?? before.diagnosticsDatabaseUrl);
    const data = { ...input, diagnosticsDatabaseUrl };
    // A changed interval takes effect from now, not after the old one runs out.
    const saved = await tx.target.update({ where: { id: options.targetId }, data: { ...data, nextScrapeAt: new Date() }, select: { id: true, slug: true } });
    const visible = (t: typeof before) => ({ ...t, diagnosticsDatabaseUrl: t.diagnosticsDatabaseUrl ? maskUrlPassword(t.diagnosticsDatabaseUrl) : null });
    await appendAuditEvent({
      db: tx,
      meta: options.meta,
      event: {
        type: "target.changed",
        outcome: "ok",
        actor: { kind: "user", id: options.actor.id, label: options.actor.email, role: options.actor.role },
        target: { id: saved.id, slug: saved.slug },
        parameters: { old: visible(before), new: visible({ ...before, ...data }) },
      },
    });
    return saved;
  });
}
