import "server-only";
import { fetchExposition } from "@/lib/exposition/fetch-exposition";
import { readMemoryFigures } from "@/lib/exposition/read-memory-figures";
import { formatMb } from "@/lib/format";
import { createTargetClient } from "@/lib/target-api/client";
import type { MemoryStatus } from "@/lib/target-api/schemas";
import type { TargetDefinition } from "@/lib/targets/target-definition";
import { RUNBOOK_API_MISSING } from "@/lib/targets/target-capabilities";

/** What "Test connection" found, in plain words. */
export type ConnectionReport = {
  ok: boolean;
  headline: string;
  /** Which memory figure, its value and the limit. */
  figures: string[];
  /** The runbook endpoints probed (runbook-api targets): each found or not, and why not. */
  endpoints: { name: string; ok: boolean; detail: string }[];
  /** What the target's page will offer, and what it will not. */
  capabilities: string[];
};

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const PAGE = "Memory trend, alerts, forecast, diagnosis and the runbook queries work on it.";

async function testRunbookApi(definition: TargetDefinition, timeoutMs: number): Promise<ConnectionReport> {
  const client = createTargetClient({ baseUrl: definition.baseUrl, timeoutMs });
  const probes: [string, () => Promise<unknown>][] = [
    ["Memory profiler (GET /api/v1/monitoring/memory)", () => client.getMemory()],
    ["Top consumers (memory/top)", () => client.getTopConsumers({ limit: 5 })],
    ["Agents and belief states (agents/memory)", () => client.getAgentsMemory()],
    ["Agent lifecycle (agents/lifecycle)", () => client.getAgentsLifecycle()],
    ["WebSocket stats (websocket/stats)", () => client.getWebsocketStats()],
    ["Operations (operations)", () => client.getOperations({ limit: 5 })],
    ["Prometheus metrics (monitoring/metrics)", () => client.getMetrics()],
    ["Runtime config (GET /api/v1/system/config)", () => client.getConfig()],
  ];
  const results = await Promise.allSettled(probes.map(([, probe]) => probe()));
  const endpoints = probes.map(([name], i) => {
    const result = results[i];
    return { name, ok: result.status === "fulfilled", detail: result.status === "fulfilled" ? "answers as docs/target-api.md says" : message(result.reason) };
  });
  const memory = results[0];
  if (memory.status === "rejected") {
    return { ok: false, headline: `The memory endpoint did not answer: ${message(memory.reason)}`, figures: [], endpoints, capabilities: [] };
  }
  const status = memory.value as MemoryStatus;
  const used = `Used: ${formatMb(status.used_mb)} of ${formatMb(status.limit_mb)} (used_mb and limit_mb of GET /api/v1/monitoring/memory; the reported limit becomes the target's).`;
  const missing = endpoints.filter((e) => !e.ok).map((e) => e.name);
  return {
    ok: true,
    headline: `The runbook API answered: ${endpoints.filter((e) => e.ok).length} of ${endpoints.length} endpoints found.`,
    figures: [used],
    endpoints,
    capabilities: [PAGE, missing.length ? `Panels for ${missing.join(", ")} will say they are not collected.` : "Every panel and runbook action is available (restarts need an HTTP hook or a named restart driver in Settings › Remediation)."],
  };
}

async function testExposition(definition: TargetDefinition, timeoutMs: number): Promise<ConnectionReport> {
  let values;
  try {
    values = await fetchExposition({ url: definition.baseUrl, timeoutMs });
  } catch (error) {
    return { ok: false, headline: message(error), figures: [], endpoints: [], capabilities: [] };
  }
  const read = readMemoryFigures({ values, mapping: definition.mapping! });
  if (!read.ok) return { ok: false, headline: `It answered with ${values.length} series, but: ${read.reason}`, figures: [], endpoints: [], capabilities: [] };
  const { figures } = read;
  const components = Object.entries(figures.components);
  return {
    ok: true,
    headline: `It answered with ${values.length} series; the memory figure is there.`,
    figures: [
      `Used: ${formatMb(figures.usedMb)} (${figures.usedFrom}).`,
      figures.limitMb !== null
        ? `Limit: ${formatMb(figures.limitMb)} (${figures.limitFrom}); the reported limit becomes the target's.`
        : definition.configuredMemoryLimitMb !== null
          ? `Limit: none reported; the ${formatMb(definition.configuredMemoryLimitMb)} you set applies.`
          : "Limit: none reported: set memory_limit_mb.",
      ...(components.length ? [`Components: ${components.map(([name, mb]) => `${name} ${formatMb(mb)}`).join(", ")}.`] : []),
    ],
    endpoints: [],
    capabilities: [PAGE, RUNBOOK_API_MISSING],
  };
}

/** Calls the service as the collector will, and says what it found; never stores anything. */
export async function testTargetConnection(options: { definition: TargetDefinition; timeoutMs?: number }): Promise<ConnectionReport> {
  const { definition } = options;
  const timeoutMs = options.timeoutMs ?? 5_000;
  if (definition.kind === "push") {
    return {
      ok: true,
      headline: "Push targets are not scraped, so there is nothing to call.",
      figures: [],
      endpoints: [],
      capabilities: ["After saving, create an ingest token in its settings and point Prometheus remote_write (POST /api/v1/write) or the ingest API (POST /api/v1/ingest) at Headroom.", PAGE, RUNBOOK_API_MISSING],
    };
  }
  return definition.kind === "runbook-api" ? testRunbookApi(definition, timeoutMs) : testExposition(definition, timeoutMs);
}
