import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { mockedCache, mockedHeaders, mockedNextAuth, signInAs } from "@/tests/support/mock-session";

vi.mock("next/headers", () => mockedHeaders());
vi.mock("next/cache", () => mockedCache());
vi.mock("next-auth", (importOriginal) => mockedNextAuth(importOriginal));

import { GET } from "@/app/api/incidents/[id]/review.md/route";
import { db } from "@/lib/db";
import { publishReview } from "@/lib/reviews/publish-review";
import { at, createTarget, holdRatio } from "@/tests/support/alert-fixtures";
import { createUsers, newKey, type TestUser } from "@/tests/support/remediation-fixtures";

let users: Record<"viewer" | "responder" | "lead" | "lead2" | "admin", TestUser>;
let incidentId: number;
let actionId: number;

const get = (id: number | string) => GET(new Request(`http://console.test/api/incidents/${id}/review.md`), { params: Promise.resolve({ id: String(id) }) });

beforeAll(async () => {
  users = await createUsers();
  const target = await createTarget();
  incidentId = (await db.incident.create({ data: { targetId: target.id, title: "HighMemoryUsage", severity: "SEV-2", openedAt: at(0), status: "resolved", resolvedAt: at(3600) }, select: { id: true } })).id;
  const by = { id: users.responder.id, label: users.responder.email, role: "responder" };
  await db.incidentEvent.createMany({
    data: [
      { incidentId, at: at(0), kind: "alert_transition", summary: "Incident opened: SEV-2", data: { incident: "opened", severity: "SEV-2" } },
      { incidentId, at: at(120), kind: "acknowledgement", summary: `Acknowledged by ${users.responder.email}`, data: { by } },
      { incidentId, at: at(600), kind: "mitigation", summary: "Mitigated: memory is back under the firing threshold", data: { mitigation: "mitigated", by: null } },
    ],
  });
  actionId = (await db.remediationAction.create({
    data: {
      targetId: target.id, actionId: "cache-cleanup", risk: "safe", params: { pattern: "cache:*" }, idempotencyKey: newKey(), state: "succeeded",
      requestedByKind: "user", requestedById: users.responder.id, requestedByLabel: users.responder.email, requestedByRole: "responder",
      requestedAt: at(300), startedAt: at(300), finishedAt: at(305), result: { summary: "freed 255 MB" }, incidentId,
      memoryBeforeMb: 900, memoryBeforeAt: at(300), memoryAfter1mMb: 640, memoryAfter5mMb: 650, effectStatus: "complete", effectGroupId: null,
    },
    select: { id: true },
  })).id;
  // Memory held at 65 % of the limit for the 30 min after the action.
  await holdRatio(target.id, 315, 305 + 1860, 0.65);
  await publishReview({
    incidentId,
    content: { rootCause: "agent_memory_leak", summary: "Orphaned agents | leaked.", followUps: [{ item: "Update thresholds if needed", owner: "rita", state: "done", link: "https://example.com/backtest/7" }] },
    actor: users.lead,
  });
});
afterAll(() => db.$disconnect());

describe("GET /api/incidents/<id>/review.md", () => {
  it("needs a session", async () => {
    signInAs(null);
    expect((await get(incidentId)).status).toBe(401);
  });

  it("answers unknown and malformed ids clearly", async () => {
    signInAs(users.viewer);
    expect((await get(999_999)).status).toBe(404);
    expect((await get("abc")).status).toBe(400);
  });

  it("gives a viewer the review as Markdown: timeline, milestones with durations, mitigations, follow-ups", async () => {
    signInAs(users.viewer);
    const response = await get(incidentId);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    const text = await response.text();
    const sections = [...text.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(sections).toEqual(["Milestones", "Mitigations", "Timeline", "Follow-ups"]);
    expect(text).toContain(`Review published by ${users.lead.email}`);
    expect(text).toContain("Root cause: Memory leak in the agent system.");
    expect(text).toContain("Orphaned agents | leaked.");
    expect(text).toContain(`| Acknowledged (time to acknowledge) | 2026-11-20 10:02:00 UTC | ${users.responder.email} | 2 min |`);
    expect(text).toMatch(/\| First action \| 2026-11-20 10:05:00 UTC \| .+ \| 5 min \|/);
    expect(text).toMatch(/\| Mitigated \(time to mitigate\) \| 2026-11-20 10:10:00 UTC \| — \| 10 min \|/);
    expect(text).toMatch(/\| Resolved \(time to resolve\) \| 2026-11-20 11:00:00 UTC \| — \| (1 h|60 min|1 h 0 min) \|/);
    const mitigation = text.split("\n").find((line) => line.startsWith(`| ${actionId} |`));
    expect(mitigation).toContain(`${users.responder.email} (responder)`);
    expect(mitigation).toContain('`cache-cleanup(pattern="cache:*")`');
    expect(mitigation).toContain("freed 255 MB");
    expect(mitigation).toContain("yes (30 min)");
    expect(text).toContain("- 2026-11-20 10:00:00 UTC [alert_transition] Incident opened: SEV-2");
    expect(text).toMatch(/\[review\] Review published by/);
    expect(text).toContain("- [x] Update thresholds if needed (done, owner rita) https://example.com/backtest/7");
  });
});
