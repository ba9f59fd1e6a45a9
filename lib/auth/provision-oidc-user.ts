import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import type { RequestMeta } from "@/lib/audit/request-meta";
import type { Role } from "@/lib/generated/prisma/enums";
import { roleFromClaim } from "@/lib/auth/oidc-role";
import { endSessions } from "@/lib/auth/session-version";

const claimsSchema = z.looseObject({
  sub: z.string().min(1),
  email: z.string().trim().toLowerCase().pipe(z.email()),
  email_verified: z.boolean().optional(),
  name: z.string().optional(),
});

export type ProvisionResult =
  | { ok: true; user: { id: number; email: string; name: string; role: Role; sessionVersion: number } }
  | { ok: false; reason: string; email: string | null };

/**
 * The Headroom user an OpenID Connect sign-in stands for: found by (issuer, subject), else by
 * email, else created; the role follows the IdP's claim on every sign-in (default viewer).
 * Creation and role changes are audited in the same transaction.
 */
export async function provisionOidcUser(options: { issuer: string; claims: Record<string, unknown>; roleClaim: string; meta: RequestMeta | null; now?: Date }): Promise<ProvisionResult> {
  const parsed = claimsSchema.safeParse(options.claims);
  const email = typeof options.claims.email === "string" ? options.claims.email.toLowerCase() : null;
  if (!parsed.success) return { ok: false, reason: "the identity provider sent no usable sub and email claims", email };
  const claims = parsed.data;
  if (claims.email_verified === false) return { ok: false, reason: "the identity provider has not verified this email address", email: claims.email };
  const role = roleFromClaim(options.claims[options.roleClaim]);
  const at = options.now ?? new Date();
  return db.$transaction(async (tx): Promise<ProvisionResult> => {
    const identity = await tx.userIdentity.findUnique({ where: { issuer_subject: { issuer: options.issuer, subject: claims.sub } } });
    const select = { id: true, email: true, name: true, role: true, disabled: true, sessionVersion: true } as const;
    let user = identity
      ? await tx.user.findUnique({ where: { id: identity.userId }, select })
      : await tx.user.findUnique({ where: { email: claims.email }, select });
    const audit = (type: "user.created" | "user.changed", data: Record<string, unknown>, id: number) =>
      appendAuditEvent(
        tx,
        { type, outcome: "ok", actor: { kind: "system", label: `oidc:${options.issuer}` }, data: { userId: id, email: claims.email, ...data } },
        { meta: options.meta, now: at },
      );
    if (!user) {
      user = await tx.user.create({ data: { email: claims.email, name: claims.name ?? claims.email, role }, select });
      await tx.userIdentity.create({ data: { issuer: options.issuer, subject: claims.sub, userId: user.id } });
      await audit("user.created", { role, source: `OIDC claim ${options.roleClaim}` }, user.id);
      return { ok: true, user };
    }
    if (user.disabled) return { ok: false, reason: "the account is disabled in Headroom", email: user.email };
    await tx.userIdentity.upsert({
      where: { issuer_subject: { issuer: options.issuer, subject: claims.sub } },
      create: { issuer: options.issuer, subject: claims.sub, userId: user.id },
      update: { lastSeenAt: at },
    });
    if (user.role !== role) {
      await tx.user.update({ where: { id: user.id }, data: { role } });
      // A role change ends the user's other sessions; the one being signed in gets the new version.
      const sessionVersion = await endSessions({ userId: user.id, db: tx });
      await audit("user.changed", { role: { from: user.role, to: role }, source: `OIDC claim ${options.roleClaim}` }, user.id);
      user = { ...user, role, sessionVersion };
    }
    return { ok: true, user };
  });
}
