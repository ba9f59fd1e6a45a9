import "server-only";
import { capabilitiesOf, hasPermission, type Can } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { isDemoMode, env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { RunbookActionId } from "@/lib/diagnosis/runbook-actions";
import { actionCatalogue } from "@/lib/remediation/action-catalogue";
import { actionInclude, toActionView } from "@/lib/remediation/action-rows";
import type { ActionView } from "@/lib/remediation/action-view";
import { previewCall, type CallPreview } from "@/lib/remediation/drivers/call-preview";
import { expireApprovals } from "@/lib/remediation/request/expire-approvals";
import { configuredCommandDrivers } from "@/lib/remediation/drivers/command-drivers-file";
import { resolveDrivers } from "@/lib/remediation/drivers/resolve-drivers";
import { demoDriversFor, targetCapabilities, unsupportedReason } from "@/lib/targets/target-capabilities";

export type TargetActions = {
  target: { slug: string; name: string; baseUrl: string };
  viewer: {
    id: number;
    role: string;
    can: Can;
    /** Per action: whether this person may open it (run it, or ask for it when it needs a second person). */
    mayRequest: Record<RunbookActionId, boolean>;
    /** A lead while SEV-1 fires may run a destructive action alone. */
    mayBreakGlass: boolean;
  };
  /** Break-glass is possible only while SEV-1 fires. */
  sev1Firing: boolean;
  /** Actions this target cannot take (they are not offered), and what would add them. */
  capabilities: { unsupported: Partial<Record<RunbookActionId, string>>; missing: string[] };
  calls: Record<RunbookActionId, CallPreview>;
  recent: ActionView[];
  awaitingApproval: ActionView[];
  generatedAt: string;
};

/** What the actions panel of a target page shows to this user. */
export async function listTargetActions(options: { slug: string; user: CurrentUser; now?: Date }): Promise<TargetActions> {
  const now = options.now ?? new Date();
  const target = await db.target.findUnique({ where: { slug: options.slug }, select: { id: true, slug: true, name: true, baseUrl: true, kind: true } });
  if (!target) throw new AppError("NOT_FOUND", `No target "${options.slug}".`);
  await expireApprovals({ now });
  const [settings, status, recent, awaiting] = await Promise.all([
    db.remediationSettings.findUnique({ where: { targetId: target.id } }),
    db.targetAlertStatus.findUnique({ where: { targetId: target.id }, select: { state: true } }),
    db.remediationAction.findMany({ where: { targetId: target.id }, include: actionInclude, orderBy: { requestedAt: "desc" }, take: 25 }),
    db.remediationAction.findMany({ where: { targetId: target.id, state: "awaiting_approval" }, include: actionInclude, orderBy: { requestedAt: "asc" } }),
  ]);
  const drivers = resolveDrivers({ baseUrl: target.baseUrl, settings, demo: demoDriversFor(target.kind, isDemoMode(env())), commandDrivers: configuredCommandDrivers() });
  const capabilities = targetCapabilities({ kind: target.kind, drivers });
  const unsupported = Object.fromEntries(
    actionCatalogue.flatMap((d) => {
      const reason = unsupportedReason(d, capabilities);
      return reason ? [[d.id, reason]] : [];
    }),
  ) as Partial<Record<RunbookActionId, string>>;
  const role = options.user.role;
  const can = capabilitiesOf(role);
  const sev1Firing = status?.state === "SEV-1";
  return {
    target: { slug: target.slug, name: target.name, baseUrl: target.baseUrl },
    viewer: {
      id: options.user.id,
      role,
      can,
      mayRequest: Object.fromEntries(actionCatalogue.map((d) => [d.id, hasPermission(role, d.requestPermission)])) as Record<RunbookActionId, boolean>,
      mayBreakGlass: can.runDestructive && sev1Firing,
    },
    sev1Firing,
    capabilities: { unsupported, missing: capabilities.missing },
    calls: Object.fromEntries(actionCatalogue.map((d) => [d.id, previewCall(d, target.baseUrl, drivers)])) as Record<RunbookActionId, CallPreview>,
    recent: recent.map(toActionView),
    awaitingApproval: awaiting.map(toActionView),
    generatedAt: now.toISOString(),
  };
}
