import { TargetApiError, createTargetClient, type TargetClient } from "@/lib/target-api/client";
import type { AgentsLifecycle, Operations, WebsocketStats } from "@/lib/target-api/schemas";
import type { ScrapedDocuments } from "@/lib/collector/samples-from-scrape";
import { capScrapedDocuments } from "@/lib/collector/cap-scrape";
import type { MemoryFigures } from "@/lib/exposition/read-memory-figures";

export type ScrapeResult =
  | {
      ok: true;
      source: "runbook-api";
      documents: ScrapedDocuments & { lifecycle?: AgentsLifecycle; websocket?: WebsocketStats; operations?: Operations };
      /** Secondary endpoints that failed; the memory figures still count. */
      partialErrors: string[];
    }
  | { ok: true; source: "exposition"; figures: MemoryFigures; partialErrors: string[] }
  | { ok: false; error: string; kind: string };

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function optional<T>(call: () => Promise<T>, name: string, errors: string[]): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    errors.push(`${name}: ${describe(error)}`);
    return undefined;
  }
}

/**
 * One scrape of one target. The memory endpoint decides up or down; the others fill the
 * investigation panels and are allowed to fail on their own. Every call has its own timeout,
 * so a slow target costs at most that long.
 */
export async function scrapeTarget(options: { baseUrl: string; timeoutMs: number; operationsSince?: Date; client?: TargetClient }): Promise<ScrapeResult> {
  const client = options.client ?? createTargetClient({ baseUrl: options.baseUrl, timeoutMs: options.timeoutMs });
  const errors: string[] = [];
  const memoryCall = client.getMemory().then(
    (memory) => ({ memory }),
    (error: unknown) => ({ error }),
  );
  const [memory, top, agents, lifecycle, websocket, operations, prometheus] = await Promise.all([
    memoryCall,
    optional(() => client.getTopConsumers({ limit: 20 }), "memory/top", errors),
    optional(() => client.getAgentsMemory(), "agents/memory", errors),
    optional(() => client.getAgentsLifecycle(), "agents/lifecycle", errors),
    optional(() => client.getWebsocketStats(), "websocket/stats", errors),
    optional(() => client.getOperations({ limit: 200, since: options.operationsSince?.toISOString() }), "operations", errors),
    optional(() => client.getMetrics(), "metrics", errors),
  ]);
  if ("error" in memory) {
    const kind = memory.error instanceof TargetApiError ? memory.error.kind : "error";
    return { ok: false, error: describe(memory.error), kind };
  }
  const capped = capScrapedDocuments({ memory: memory.memory, top, agents, prometheus });
  return {
    ok: true,
    source: "runbook-api",
    documents: { ...capped.documents, lifecycle, websocket, operations },
    partialErrors: [...errors, ...capped.warnings],
  };
}
