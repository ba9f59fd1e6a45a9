import http from "node:http";
import type { AddressInfo } from "node:net";
import { Registry, collectDefaultMetrics } from "prom-client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { mockedCache, mockedHeaders, mockedNextAuth, signInAs } from "@/tests/support/mock-session";

vi.mock("next/headers", () => mockedHeaders());
vi.mock("next/cache", () => mockedCache());
vi.mock("next-auth", (importOriginal) => mockedNextAuth(importOriginal));

import { db } from "@/lib/db";
import { createTargetAction, deleteTargetAction, testConnectionAction } from "@/app/(console)/targets/actions";
import { updateTargetAction } from "@/app/(console)/targets/[slug]/settings/actions";
import { requestRemediation } from "@/app/(console)/targets/[slug]/actions";
import { form } from "@/tests/support/action-forms";
import { auditRowsAfter, insertUser, lastAuditId } from "@/tests/support/user-fixtures";

let server: http.Server;
let metricsUrl = "";
const registry = new Registry();

beforeAll(async () => {
  collectDefaultMetrics({ register: registry });
  server = http.createServer(async (_request, response) => response.writeHead(200, { "content-type": registry.contentType }).end(await registry.metrics()));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  metricsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
  signInAs(await insertUser("admin"));
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await db.$disconnect();
});

const service = (fields: Record<string, string> = {}) =>
  form({ slug: "own-api", name: "Own API", kind: "prometheus", url: metricsUrl, preset: "process", memory_limit_mb: "1024", scrape_interval_seconds: "15", enabled: "on", ...fields });

describe("adding, testing, editing and deleting a service in the console", () => {
  it("Test connection says which figure it found, its value, and what the page will offer", async () => {
    const result = await testConnectionAction(null, service());
    expect(result).toMatchObject({ ok: true, report: { ok: true } });
    const report = (result as { report: { figures: string[]; capabilities: string[] } }).report;
    expect(report.figures[0]).toMatch(/^Used: [\d,]+ MB \(process_resident_memory_bytes\)\.$/);
    expect(report.figures[1]).toBe("Limit: none reported; the 1,024 MB you set applies.");
    expect(report.capabilities.join(" ")).toMatch(/heap dump need the runbook API; see docs\/target-api\.md/);
    const down = await testConnectionAction(null, service({ url: "http://127.0.0.1:1/metrics" }));
    expect(down).toMatchObject({ ok: true, report: { ok: false, headline: expect.stringMatching(/Could not reach the target at http:\/\/127\.0\.0\.1:1/) } });
    const invalid = await testConnectionAction(null, service({ preset: "", memory_limit_mb: "" }));
    expect(invalid).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { preset: expect.stringMatching(/needs a preset/), memory_limit_mb: "is required: nothing here reports a limit (add limit_metric or set one)" } });
  });

  it("adds the service (audited), refuses a slug in use, and edits it", async () => {
    const before = await lastAuditId();
    expect(await createTargetAction(null, service())).toMatchObject({ ok: true, slug: "own-api" });
    expect(await db.target.findUniqueOrThrow({ where: { slug: "own-api" } })).toMatchObject({ kind: "prometheus", preset: "process", baseUrl: metricsUrl, memoryLimitMb: 1024, memoryLimitSource: "configured", enabled: true });
    expect(await createTargetAction(null, service())).toMatchObject({ ok: false, code: "CONFLICT", fieldErrors: { slug: "is already used" } });
    expect((await auditRowsAfter(before)).map((r) => [r.type, r.outcome])).toEqual([["target.created", "ok"], ["target.created", "conflict"]]);
    expect(await updateTargetAction(null, service({ name: "Own API (renamed)", match_labels: "job=api, env=\"prod\"" }))).toMatchObject({ ok: true });
    expect(await db.target.findUniqueOrThrow({ where: { slug: "own-api" } })).toMatchObject({ name: "Own API (renamed)", matchLabels: { job: "api", env: "prod" } });
  });

  it("refuses, audited, a runbook action the service cannot take", async () => {
    const before = await lastAuditId();
    const result = await requestRemediation({ targetSlug: "own-api", actionId: "force-gc", idempotencyKey: "gc-on-a-prometheus-target" });
    expect(result).toMatchObject({ ok: false, code: "INVALID_INPUT", message: expect.stringMatching(/calls the runbook API, which this target does not serve/) });
    expect((await auditRowsAfter(before)).map((r) => [r.type, r.outcome, r.actionId])).toEqual([["remediation.refused", "invalid", "force-gc"]]);
    expect(await db.remediationAction.count()).toBe(0);
  });

  it("a provisioned target is refused here, saying where to change it", async () => {
    await db.target.create({ data: { slug: "from-file", name: "F", kind: "prometheus", baseUrl: metricsUrl, preset: "process", provisionedFrom: "targets.yaml" } });
    expect(await updateTargetAction(null, service({ slug: "from-file" }))).toMatchObject({ ok: false, code: "CONFLICT", message: expect.stringMatching(/provisioned from targets\.yaml: change it there/) });
    expect(await deleteTargetAction(null, form({ slug: "from-file", confirmation: "from-file" }))).toMatchObject({ ok: false, code: "CONFLICT" });
  });

  it("deletes only with the slug typed; the audit trail keeps what it removed", async () => {
    expect(await deleteTargetAction(null, form({ slug: "own-api", confirmation: "own" }))).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { confirmation: "Type own-api to confirm." } });
    const before = await lastAuditId();
    await expect(deleteTargetAction(null, form({ slug: "own-api", confirmation: "own-api" }))).rejects.toThrow(/NEXT_REDIRECT/);
    expect(await db.target.findUnique({ where: { slug: "own-api" } })).toBeNull();
    const [row] = await auditRowsAfter(before);
    expect(row).toMatchObject({ type: "target.deleted", outcome: "ok", targetSlug: "own-api", data: { removed: { samples: 0, incidents: 0, actions: 0, tokens: 0 } } });
  });
});
