import "server-only";
import { db } from "@/lib/db";
import { appendAuditEvent, AUDIT_TX_OPTIONS } from "@/lib/audit/append-audit-event";
import { auditActorOf } from "@/lib/audit/audit-actor";
import type { RequestMeta } from "@/lib/audit/request-meta";
import { AppError } from "@/lib/errors";
import { assertOutboundAllowed } from "@/lib/net/check-outbound-url";
import type { TargetDefinition } from "@/lib/targets/target-definition";
import { targetRowData } from "@/lib/targets/target-row-data";

type Actor = { id: number; email: string; role: string };

/** Adds a service from the console (its collector picks it up at once); audited as `target.created` in the same transaction. */
export async function createTarget(options: { definition: TargetDefinition; actor: Actor; meta?: RequestMeta | null }) {
  const { definition } = options;
  // A push target has no URL to call.
  if (definition.kind !== "push") await assertOutboundAllowed({ url: definition.baseUrl, field: "url" });
  return db.$transaction(async (tx) => {
    const taken = await tx.target.findUnique({ where: { slug: definition.slug }, select: { id: true } });
    if (taken) throw new AppError("CONFLICT", `A target with the slug "${definition.slug}" exists already; pick another.`, { fieldErrors: { slug: "is already used" } });
    const created = await tx.target.create({ data: { slug: definition.slug, ...targetRowData(definition) }, select: { id: true, slug: true } });
    await appendAuditEvent(
      tx,
      { type: "target.created", outcome: "ok", actor: auditActorOf(options.actor), target: created, parameters: { new: definition } },
      { meta: options.meta },
    );
    return created;
  }, AUDIT_TX_OPTIONS);
}
