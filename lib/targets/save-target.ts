import "server-only";
import { db } from "@/lib/db";
import { AUDIT_TX_OPTIONS } from "@/lib/audit/append-audit-event";
import { appendTargetChange } from "@/lib/audit/append-target-change";
import type { RequestMeta } from "@/lib/audit/request-meta";
import { AppError } from "@/lib/errors";
import { maskUrlPassword } from "@/lib/mask-url-password";
import { assertOutboundAllowed } from "@/lib/net/check-outbound-url";
import type { TargetDefinition } from "@/lib/targets/target-definition";
import { targetRowData } from "@/lib/targets/target-row-data";

type Actor = { id: number; email: string; role: string };

const COLLECTION = {
  name: true, kind: true, baseUrl: true, preset: true, usedMetric: true, limitMetric: true, matchLabels: true, configuredMemoryLimitMb: true,
  memoryLimitMb: true, memoryLimitSource: true, scrapeIntervalSeconds: true, enabled: true, diagnosticsDatabaseUrl: true, provisionedFrom: true,
} as const;

/**
 * Saves a target's collection settings and records the change (old → new) in the audit trail.
 * A target from the provisioning file is changed in the file, never here. An empty
 * diagnostics URL keeps the stored one (the form never shows its password);
 * `clearDiagnosticsDatabaseUrl` forgets it.
 */
export async function updateTarget(options: {
  targetId: number;
  definition: TargetDefinition;
  diagnosticsDatabaseUrl?: string;
  clearDiagnosticsDatabaseUrl?: boolean;
  actor: Actor;
  meta?: RequestMeta | null;
}) {
  // A push target has no URL to call.
  if (options.definition.kind !== "push") await assertOutboundAllowed({ url: options.definition.baseUrl, field: "url" });
  return db.$transaction(async (tx) => {
    const before = await tx.target.findUniqueOrThrow({ where: { id: options.targetId }, select: COLLECTION });
    if (before.provisionedFrom) {
      throw new AppError("CONFLICT", `This target is provisioned from ${before.provisionedFrom}: change it there (the file wins on its next apply).`);
    }
    // A changed interval takes effect from now, not after the old one runs out.
    const diagnosticsDatabaseUrl = options.clearDiagnosticsDatabaseUrl ? null : (options.diagnosticsDatabaseUrl ?? before.diagnosticsDatabaseUrl);
    const data = { ...targetRowData(options.definition, before), diagnosticsDatabaseUrl, nextScrapeAt: new Date() };
    const saved = await tx.target.update({ where: { id: options.targetId }, data, select: { id: true, slug: true, ...COLLECTION } });
    const visible = ({ provisionedFrom: _p, ...t }: typeof before) => ({ ...t, diagnosticsDatabaseUrl: t.diagnosticsDatabaseUrl ? maskUrlPassword(t.diagnosticsDatabaseUrl) : null });
    await appendTargetChange(tx, { type: "target.changed", targetId: saved.id, actor: options.actor, parameters: { old: visible(before), new: visible(saved) } }, { meta: options.meta });
    return { id: saved.id, slug: saved.slug };
  }, AUDIT_TX_OPTIONS);
}
