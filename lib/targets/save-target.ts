import "server-only";
import { db } from "@/lib/db";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { auditActorOf } from "@/lib/audit/audit-actor";
import type { RequestMeta } from "@/lib/audit/request-meta";
import { maskUrlPassword } from "@/lib/mask-url-password";
import { assertOutboundAllowed } from "@/lib/net/check-outbound-url";
import type { TargetInput } from "@/lib/targets/target-schema";

type Actor = { id: number; email: string; role: string };

/**
 * Saves a target's collection settings and records the change (old → new) in the audit trail.
 * An empty diagnostics URL keeps the stored one (the form never shows its password);
 * `clearDiagnosticsDatabaseUrl` forgets it.
 */
export async function updateTarget(options: { targetId: number; input: TargetInput; actor: Actor; meta?: RequestMeta | null }) {
  await assertOutboundAllowed({ url: options.input.baseUrl, field: "baseUrl" });
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
    await appendAuditEvent(
      tx,
      {
        type: "target.changed",
        outcome: "ok",
        actor: auditActorOf(options.actor),
        target: { id: saved.id, slug: saved.slug },
        parameters: { old: visible(before), new: visible({ ...before, ...data }) },
      },
      { meta: options.meta },
    );
    return saved;
  });
}
