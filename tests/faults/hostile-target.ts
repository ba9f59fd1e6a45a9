import http from "node:http";
import type { AddressInfo } from "node:net";

// A target that misbehaves in turn, one way per scrape (the collector asks /memory first):
// an oversized body, thousands of new label values, answers slower than the scrape timeout,
// and garbage. Everything else it is asked answers 404.
export const HOSTILE_MODES = ["oversized", "cardinality", "slow", "garbage"] as const;
export type HostileMode = (typeof HOSTILE_MODES)[number];

const COMPONENTS = ["api_service", "agent_system", "database", "cache", "redis"] as const;
const SERIES = 3_000;
const OVERSIZED_MB = 24;

export type HostileTarget = { url: string; scrapes: () => Record<HostileMode, number>; close(): Promise<void> };

function memoryDoc(now: string) {
  const components = Object.fromEntries(COMPONENTS.map((c) => [c, { used_mb: 100, parts: {} }]));
  const instance = { id: "hostile-1", started_at: now, uptime_s: 1 };
  return { timestamp: now, instance, used_mb: 500, limit_mb: 4096, available_mb: 3596, percent: 12.2, gc_threshold_mb: 3000, components };
}

function documentFor(mode: HostileMode, path: string, scrape: number, now: string): string | null {
  if (mode === "garbage") return "\u0000\u0001{{not json" + "\uFFFD".repeat(2_000);
  if (path.endsWith("/monitoring/memory")) return JSON.stringify(memoryDoc(now));
  if (path.endsWith("/monitoring/memory/top")) {
    const n = mode === "cardinality" ? SERIES : 20;
    const description = mode === "oversized" ? "x".repeat((OVERSIZED_MB * 1024 * 1024) / 20) : "hostile";
    const consumers = Array.from({ length: n }, (_, i) => ({
      name: `consumer-${scrape}-${i}`, component: COMPONENTS[i % 5], memory_mb: 1, percent: 0, count: null, description,
    }));
    return JSON.stringify({ timestamp: now, used_mb: 500, consumers });
  }
  if (path.endsWith("/monitoring/agents/memory") && mode === "cardinality") {
    const agents = Array.from({ length: SERIES }, (_, i) => ({
      agent_id: `agent-${scrape}-${i}`, status: "active", memory_mb: 0.1, belief_state_mb: 0.01, belief_compressed: false,
      coalition_id: null, created_at: now, last_active_at: now,
    }));
    return JSON.stringify({ timestamp: now, count: SERIES, total_mb: SERIES * 0.1, belief_compression: false, belief_size_limit_mb: 10, agents });
  }
  return null;
}

export async function startHostileTarget(): Promise<HostileTarget> {
  let scrape = 0;
  const counts = Object.fromEntries(HOSTILE_MODES.map((m) => [m, 0])) as Record<HostileMode, number>;
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (path.endsWith("/monitoring/memory")) {
      scrape += 1;
      counts[HOSTILE_MODES[scrape % HOSTILE_MODES.length]] += 1;
    }
    const mode = HOSTILE_MODES[scrape % HOSTILE_MODES.length];
    const body = documentFor(mode, path, scrape, new Date().toISOString());
    const send = () => {
      if (res.destroyed) return;
      if (body === null) return void res.writeHead(404, { "content-type": "application/json" }).end('{"error":{"code":"not_found","message":"no"}}');
      res.writeHead(200, { "content-type": "application/json" }).end(body);
    };
    if (mode === "slow") setTimeout(send, 7_000);
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    scrapes: () => ({ ...counts }),
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
