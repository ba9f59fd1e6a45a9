import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { mockedCache, mockedHeaders, mockedNextAuth, signInAs } from "@/tests/support/mock-session";

vi.mock("next/headers", () => mockedHeaders());
vi.mock("next/cache", () => mockedCache());
vi.mock("next-auth", (importOriginal) => mockedNextAuth(importOriginal));

import { POST as ingest } from "@/app/api/v1/ingest/route";
import { GET as memory } from "@/app/api/v1/targets/[slug]/memory/route";
import { GET as exportAudit } from "@/app/api/audit/export/route";
import { changeRoleAction } from "@/app/(console)/admin/users/actions";
import { approveRemediation, rejectRemediation, withdrawRemediation } from "@/app/(console)/approvals/actions";
import { endSilenceAction, saveChannelAction, updateRulesAction } from "@/app/(console)/targets/[slug]/alerts/actions";
import { revokeTokenAction, saveRemediationSettingsAction } from "@/app/(console)/targets/[slug]/settings/actions";
import { db } from "@/lib/db";
import { createIngestToken } from "@/lib/ingest/ingest-tokens";
import { recordIdSchema } from "@/lib/record-id";
import { form } from "@/tests/support/action-forms";
import { insertUser } from "@/tests/support/user-fixtures";

let token = "";
const slug = "bad-input";
const now = Date.now();
const TOO_BIG_ID = "2147483648";
const huge = "x".repeat(900 * 1024);

beforeAll(async () => {
  const target = await db.target.create({ data: { slug, name: "Bad input", baseUrl: "http://127.0.0.1:9" } });
  const admin = await insertUser("admin");
  token = (await createIngestToken({ targetId: target.id, name: "ci", actor: admin })).token;
  signInAs(admin);
});
afterAll(() => db.$disconnect());

/** Everything a bad request could have written, except the audit rows that record its refusal. */
async function stored() {
  const [metrics, versions, settings, webhooks, tokens, silences, users, actions] = await Promise.all([
    db.metric.count(),
    db.alertRuleVersion.count(),
    db.remediationSettings.findMany(),
    db.notificationChannel.findMany(),
    db.ingestToken.findMany({ select: { id: true, revokedAt: true } }),
    db.silence.findMany({ select: { id: true, endedAt: true } }),
    db.user.findMany({ select: { id: true, role: true, disabled: true } }),
    db.remediationAction.findMany({ select: { id: true, state: true } }),
  ]);
  return JSON.stringify({ metrics, versions, settings, webhooks, tokens, silences, users, actions });
}

type Answer = { status: number; message: string; fields: string };
const http = async (response: Response): Promise<Answer> => {
  const body = await response.json();
  const fields = JSON.stringify(body.invalidSamples ?? body.fieldErrors ?? {});
  return { status: response.status, message: String(body.message), fields };
};
// A server action answers with a Refusal; INVALID_INPUT is what a route answers with 400.
const action = async (result: Promise<{ ok: boolean; code?: string; message?: string; fieldErrors?: Record<string, string> }>): Promise<Answer> => {
  const answer = await result;
  return { status: answer.ok ? 200 : answer.code === "INVALID_INPUT" ? 400 : 500, message: String(answer.message), fields: JSON.stringify(answer.fieldErrors ?? {}) };
};
const push = (body: string, contentType: string) =>
  ingest(new Request("http://test/api/v1/ingest", { method: "POST", body, headers: { "content-type": contentType, authorization: `Bearer ${token}` } }));
const gauge = "freeagentics_system_memory_usage_bytes";
const rules = (fields: Record<string, string>) =>
  form({ slug, expectedVersion: "0", sev2_threshold: "80", sev2_for: "300", sev1_threshold: "95", sev1_for: "300", ...fields });

const cases: { name: string; send: () => Promise<Answer>; field: string }[] = [
  { name: "JSON sample at 9e15 ms", field: "timestamp", send: async () => http(await push(JSON.stringify({ samples: [{ metric: "system.memory.used", timestamp: 9e15, value: 1 }] }), "application/json")) },
  { name: "Prometheus NaN", field: "value", send: async () => http(await push(`${gauge} NaN ${now}\n`, "text/plain")) },
  { name: "Prometheus -Inf", field: "value", send: async () => http(await push(`${gauge} -Inf ${now}\n`, "text/plain")) },
  { name: "Prometheus timestamp 99999999999999999999", field: "timestamp", send: async () => http(await push(`${gauge} 1024 99999999999999999999\n`, "text/plain")) },
  { name: "Prometheus 900 kB label value", field: "labels.agent_id", send: async () => http(await push(`freeagentics_agent_memory_usage_bytes{agent_id="${huge}"} 1024 ${now}\n`, "text/plain")) },
  { name: "JSON 900 kB label value", field: "labels.agent_id", send: async () => http(await push(JSON.stringify({ samples: [{ metric: "agent.memory.used", labels: { agent_id: huge }, timestamp: now, value: 1 }] }), "application/json")) },
  { name: "series from -271821", field: "from", send: async () => http(await memory(new Request(`http://test/x?from=-271821-04-20T00:00:00Z`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({ slug }) })) },
  { name: "audit export before=9999999999999999999", field: "before", send: async () => http(await exportAudit(new Request("http://test/api/audit/export?before=9999999999999999999"))) },
  { name: "audit export from=-271821", field: "from", send: async () => http(await exportAudit(new Request("http://test/api/audit/export?from=-271821-04-20T00:00:00Z"))) },
  { name: "rules for=1e12", field: "sev2_for", send: () => action(updateRulesAction(null, rules({ sev2_for: "1e12" }))) },
  { name: "rules keep firing for 1e12", field: "keepFiringForSeconds", send: () => action(updateRulesAction(null, rules({ sev2_keep: "1e12" }))) },
  { name: "token id 2^31", field: "tokenId", send: () => action(revokeTokenAction(null, form({ slug, tokenId: TOO_BIG_ID }))) },
  { name: "silence id 2^31", field: "silenceId", send: () => action(endSilenceAction(null, form({ slug, silenceId: TOO_BIG_ID }))) },
  { name: "user id 2^31", field: "userId", send: () => action(changeRoleAction(null, form({ userId: TOO_BIG_ID, role: "viewer" }))) },
  { name: "approve request 2^31", field: "remediationId", send: () => action(approveRemediation({ remediationId: 2 ** 31 })) },
  { name: "reject request 2^31", field: "remediationId", send: () => action(rejectRemediation({ remediationId: 2 ** 31 })) },
  { name: "withdraw request 2^31", field: "remediationId", send: () => action(withdrawRemediation({ remediationId: 2 ** 31 })) },
  { name: "restart hook file://", field: "restartHookUrl", send: () => action(saveRemediationSettingsAction(null, form({ slug, restartDriver: "http", restartHookUrl: "file:///etc/passwd" }))) },
  { name: "restart hook gopher://", field: "restartHookUrl", send: () => action(saveRemediationSettingsAction(null, form({ slug, restartDriver: "http", restartHookUrl: "gopher://127.0.0.1:70/_x" }))) },
  { name: "webhook gopher://", field: "url", send: () => action(saveChannelAction(null, form({ slug, name: "hook", url: "gopher://127.0.0.1:70/_x", repeatMinutes: "240", event_firing: "on" }))) },
];

describe("bad input is answered 400 naming the field, and stores nothing", () => {
  for (const c of cases) {
    it(c.name, async () => {
      const before = await stored();
      const answer = await c.send();
      expect(answer.status, answer.message).toBe(400);
      expect(`${answer.message} ${answer.fields}`).toContain(c.field);
      // Never an internal message: no database error, no "unexpected", no generic 500 text.
      expect(answer.message).not.toMatch(/unexpected|prisma|index row|out of range for type|invalid input syntax|something went wrong/i);
      expect(await stored()).toBe(before);
    });
  }

  it("ids a page takes from its path are bounded the same way (the incident page answers not found)", () => {
    expect(recordIdSchema("id").safeParse(TOO_BIG_ID).success).toBe(false);
    expect(recordIdSchema("id").safeParse("2147483647").success).toBe(true);
  });
});
