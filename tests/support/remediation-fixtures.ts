import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import { METRIC } from "@/lib/metrics/sample";
import { writeSamples } from "@/lib/metrics/write-samples";
import type { RequestMeta } from "@/lib/audit/request-meta";
import type { Role } from "@/lib/generated/prisma/enums";
import type { RemediationActor } from "@/lib/remediation/actor";
import type { RemediationContext } from "@/lib/remediation/remediation-context";
import { controlStateSchema, faultSchema } from "@/lib/target-api/schemas";
import { startTargetServer, type TargetServer, type TargetServerOptions } from "@/simulator/server";

export type TestUser = { id: number; email: string; name: string; role: Role };

let userCounter = 0;
/** A person of each role, and a second lead (approvals need two). */
export async function createUsers(): Promise<Record<"viewer" | "responder" | "lead" | "lead2" | "admin", TestUser>> {
  userCounter += 1;
  const make = (key: string, role: Role) =>
    db.user.create({
      data: { email: `${key}-${userCounter}-${process.pid}@test.local`, name: `${key} ${userCounter}`, role },
      select: { id: true, email: true, name: true, role: true },
    });
  return {
    viewer: await make("viewer", "viewer"),
    responder: await make("responder", "responder"),
    lead: await make("lead", "lead"),
    lead2: await make("lead2", "lead"),
    admin: await make("admin", "admin"),
  };
}

export const asActor = (user: TestUser): RemediationActor => ({ kind: "user", ...user });

export const newKey = () => randomUUID().replaceAll("-", "");

export const testMeta = (): RequestMeta => ({ ip: "198.51.100.23", userAgent: "vitest", requestId: `req-${newKey().slice(0, 12)}` });

/** Short timeouts and fast polling, so failure cases take milliseconds, not the production seconds. */
export const testContext = (overrides: Partial<RemediationContext> = {}): RemediationContext => ({
  meta: testMeta(),
  demo: false,
  timeoutMs: 2_000,
  restartPollMs: 50,
  ...overrides,
});

let targetCounter = 0;
/** A real simulator over HTTP on a free port, and the target row pointing at it. */
export async function createSimulatedTarget(options: Partial<TargetServerOptions> & { slug?: string; restartHook?: boolean } = {}) {
  targetCounter += 1;
  const server: TargetServer = await startTargetServer({
    port: 0,
    scenario: "leak",
    seed: 100 + targetCounter,
    historyMs: 3_600_000,
    downtimeMs: 300,
    ...options,
  });
  const slug = options.slug ?? `sim-${targetCounter}-${process.pid}`;
  const target = await db.target.create({
    data: { slug, name: `Simulator ${targetCounter}`, baseUrl: server.url },
    select: { id: true, slug: true, baseUrl: true },
  });
  if (options.restartHook !== false) {
    await db.remediationSettings.create({ data: { targetId: target.id, restartDriver: "http", restartHookUrl: `${server.url}/_control/restart` } });
  }
  return { server, target };
}

/** Calls a simulator control endpoint (faults, state). */
export async function control(baseUrl: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(baseUrl + path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** The simulator's state and its faults, validated as the target-API contract defines them. */
export const simulatorState = async (baseUrl: string) => controlStateSchema.parse(await control(baseUrl, "GET", "/_control/state"));
export const simulatorFaults = async (baseUrl: string) => z.object({ faults: z.array(faultSchema) }).parse(await control(baseUrl, "GET", "/_control/faults")).faults;

/** How many requests reached an endpoint: a slow-by-1-ms fault counts them without changing the answer. */
export async function countCalls(baseUrl: string, endpoint: string) {
  const fault = faultSchema.parse(await control(baseUrl, "POST", "/_control/faults", { endpoint, kind: "slow", delay_ms: 1 }));
  return async (): Promise<number> => (await simulatorFaults(baseUrl)).find((f) => f.id === fault.id)?.hits ?? 0;
}

export async function auditRowsFor(where: { remediationId?: number; targetSlug?: string; type?: string } = {}) {
  return db.auditEvent.findMany({ where, orderBy: { id: "asc" } });
}

export async function waitUntil<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Memory samples every 15 s at offsets [from, to] from t0, following `value(offset)`, stored as the collector stores them. */
export async function writeMemoryRamp(targetId: number, t0: number, from: number, to: number, value: (offset: number) => number) {
  const rows = [];
  for (let offset = from; offset <= to; offset += 15_000) {
    rows.push({ targetId, metricName: METRIC.systemUsed, labels: "", timestamp: new Date(t0 + offset), valueMb: value(offset) });
  }
  await writeSamples({ samples: rows });
}
