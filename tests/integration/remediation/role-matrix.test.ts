import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { session, signInAs } from "@/tests/support/mock-session";

vi.mock("next/headers", () => ({ headers: async () => session.headers }));
vi.mock("@/lib/auth/session", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/auth/session")>();
  const { db } = await import("@/lib/db");
  const { AppError } = await import("@/lib/errors");
  const getCurrentUser = async () => {
    if (session.userId === null) return null;
    const user = await db.user.findUnique({ where: { id: session.userId }, select: { id: true, email: true, name: true, role: true, disabled: true } });
    return user && !user.disabled ? { id: user.id, email: user.email, name: user.name, role: user.role } : null;
  };
  const requireUser = async () => {
    const user = await getCurrentUser();
    if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
    return user;
  };
  return { ...original, getCurrentUser, requireUser };
});

import { db } from "@/lib/db";
import { actionCatalogue, defaultParams } from "@/lib/remediation/action-catalogue";
import type { ActionOutcome } from "@/lib/remediation/action-view";
import { requestRemediation } from "@/app/(console)/targets/[slug]/actions";
import { POST as heapDumpRoute } from "@/app/api/console/targets/[slug]/heap-dump/route";
import { createSimulatedTarget, createUsers, newKey, type TestUser } from "@/tests/support/remediation-fixtures";
import { runQueuedActions } from "@/tests/support/run-in-worker";
import type { TargetServer } from "@/simulator/server";

let users: Awaited<ReturnType<typeof createUsers>>;
let server: TargetServer;
let slug: string;

beforeAll(async () => {
  users = await createUsers();
  const created = await createSimulatedTarget({ scenario: "large-beliefs" });
  server = created.server;
  slug = created.target.slug;
});
afterAll(async () => {
  await server.close();
  await db.$disconnect();
});

type Expected = "runs" | "awaits approval" | "refused";
const ROLES = ["viewer", "responder", "lead", "admin"] as const;

function expectation(role: (typeof ROLES)[number], risk: string): Expected {
  if (role === "viewer") return "refused";
  if (risk === "destructive") return "awaits approval";
  return "runs";
}

async function attempt(user: TestUser, actionId: string): Promise<{ outcome: ActionOutcome; remediationId: number | null }> {
  signInAs(user);
  const definition = actionCatalogue.find((a) => a.id === actionId)!;
  const key = newKey();
  if (actionId === "heap-dump") {
    const response = await heapDumpRoute(
      new Request(`http://console.test/api/console/targets/${slug}/heap-dump`, { method: "POST", body: JSON.stringify({ idempotencyKey: key }), headers: { "content-type": "application/json" } }),
      { params: Promise.resolve({ slug }) },
    );
    if (!response.ok) {
      const body = (await response.json()) as { error: string; message: string };
      expect(response.status).toBe(body.error === "FORBIDDEN" ? 403 : 400);
      return { outcome: { ok: false, code: body.error, message: body.message }, remediationId: null };
    }
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="memory_dump_\d{8}_\d{6}\.json"$/);
    await response.arrayBuffer();
    const row = await db.remediationAction.findUniqueOrThrow({ where: { idempotencyKey: key }, include: { target: true } });
    return { outcome: { ok: true, action: { state: row.state } as never, duplicate: false }, remediationId: row.id };
  }
  const outcome = await requestRemediation({
    targetSlug: slug,
    actionId,
    params: defaultParams(definition),
    idempotencyKey: key,
    confirmation: definition.typedConfirmation ? slug : undefined,
  });
  // The server action recorded the request; the worker runs it.
  await runQueuedActions();
  return { outcome, remediationId: outcome.ok ? outcome.action.id : null };
}

describe("who may run what, decided on the server", () => {
  for (const role of ROLES) {
    for (const definition of actionCatalogue) {
      const expected = expectation(role, definition.risk);
      it(`${role} × ${definition.id} (${definition.risk}): ${expected}`, async () => {
        const before = await db.auditEvent.count();
        const { outcome, remediationId } = await attempt(users[role], definition.id);
        const audit = await db.auditEvent.findMany({ where: { id: { gt: BigInt(before) } }, orderBy: { id: "asc" } });
        expect(audit.length).toBeGreaterThan(0);
        expect(audit.every((row) => row.actorLabel === users[role].email && row.actorRole === role)).toBe(true);
        expect(audit[0]).toMatchObject({ ip: "203.0.113.7", userAgent: "integration-browser/1.0", requestId: "req-matrix-1", targetSlug: slug, actionId: definition.id });
        if (expected === "refused") {
          expect(outcome).toMatchObject({ ok: false, code: "FORBIDDEN" });
          expect(audit.map((r) => [r.type, r.outcome])).toEqual([["remediation.refused", "denied"]]);
          expect(await db.remediationAction.count({ where: { requestedById: users[role].id } })).toBe(0);
          return;
        }
        expect(outcome.ok).toBe(true);
        const row = await db.remediationAction.findUniqueOrThrow({ where: { id: remediationId! } });
        if (expected === "awaits approval") {
          expect(row.state).toBe("awaiting_approval");
          expect(audit.map((r) => [r.type, r.outcome])).toEqual([["remediation.requested", "awaiting_approval"]]);
        } else {
          expect(row.state).toBe("succeeded");
          expect(audit.map((r) => [r.type, r.outcome])).toEqual([
            ["remediation.requested", "accepted"],
            ["remediation.started", "running"],
            ["remediation.finished", "succeeded"],
          ]);
        }
      });
    }
  }

  it("refuses and records a call without a session", async () => {
    signInAs(null);
    const outcome = await requestRemediation({ targetSlug: slug, actionId: "cache-cleanup", idempotencyKey: newKey() });
    expect(outcome).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    const last = await db.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(last).toMatchObject({ type: "remediation.refused", outcome: "unauthenticated", actorKind: "anonymous", targetSlug: slug, ip: "203.0.113.7" });
  });

  it("refuses and records invalid input, with the field at fault", async () => {
    signInAs(users.responder);
    const outcome = await requestRemediation({ targetSlug: slug, actionId: "agent-pool-resize", params: { max_size: 5000 }, idempotencyKey: newKey() });
    expect(outcome).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { "params.max_size": "max_size must be a whole number from 1 to 1000" } });
    const junk = await requestRemediation("not even an object");
    expect(junk).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    const rows = await db.auditEvent.findMany({ orderBy: { id: "desc" }, take: 2 });
    expect(rows.map((r) => [r.type, r.outcome])).toEqual([
      ["remediation.refused", "invalid"],
      ["remediation.refused", "invalid"],
    ]);
    expect(rows[1].parameters).toEqual({ max_size: 5000 });
    expect(rows[0].parameters).toBe("not even an object");
  });

  it("refuses a destructive action without the typed confirmation", async () => {
    signInAs(users.responder);
    const outcome = await requestRemediation({ targetSlug: slug, actionId: "emergency-restart", idempotencyKey: newKey(), confirmation: "yes" });
    expect(outcome).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { confirmation: `Type ${slug} to confirm.` } });
  });

  it("a demoted user is refused at once: the role is read from the database on each call", async () => {
    await db.user.update({ where: { id: users.admin.id }, data: { role: "viewer" } });
    signInAs(users.admin);
    const outcome = await requestRemediation({ targetSlug: slug, actionId: "force-gc", idempotencyKey: newKey() });
    expect(outcome).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });
});
