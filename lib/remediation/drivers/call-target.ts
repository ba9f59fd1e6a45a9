import "server-only";
import { createTargetClient, type TargetClient } from "@/lib/target-api/client";
import { createRequester } from "@/lib/target-api/request-target";
import { redisCleanResponseSchema, type RemediationResult } from "@/lib/target-api/schemas";
import type { ActionDefinition } from "@/lib/remediation/action-catalogue";
import { cleanRedisKeys } from "@/lib/remediation/drivers/clean-redis-keys";
import { DriverError } from "@/lib/remediation/drivers/driver-error";
import type { Drivers } from "@/lib/remediation/drivers/resolve-drivers";
import { restartTarget } from "@/lib/remediation/drivers/restart-target";
import type { StepRecorder } from "@/lib/remediation/run/step-recorder";

export type CallResult = { summary: string; reportedFreedMb: number | null; result: Record<string, unknown> };

export type CallTargetOptions = {
  definition: ActionDefinition;
  params: Record<string, unknown>;
  target: { slug: string; baseUrl: string };
  drivers: Drivers;
  timeoutMs: number;
  steps: StepRecorder;
  restartPollMs?: number;
};

const mb = (value: number) => `${Math.round(value).toLocaleString("en")} MB`;
const count = (value: number) => value.toLocaleString("en");

/** Carries out one catalogue action against the target; throws TargetApiError or DriverError on failure. */
export async function callTarget(options: CallTargetOptions): Promise<CallResult> {
  const { definition, params, target, drivers, steps } = options;
  const endpoint = definition.endpoint;
  if (endpoint.kind === "restart") {
    if (!drivers.restart) {
      throw new DriverError("not_configured", drivers.restartUnavailable ?? `No restart driver is configured for ${target.slug}: an admin sets an HTTP hook or picks a command driver in its remediation settings.`);
    }
    const outcome = await restartTarget({
      baseUrl: target.baseUrl,
      mode: endpoint.mode,
      driver: drivers.restart,
      timeoutMs: drivers.restartTimeoutMs,
      callTimeoutMs: options.timeoutMs,
      steps,
      pollMs: options.restartPollMs,
      env: { HEADROOM_TARGET_SLUG: target.slug, HEADROOM_TARGET_URL: target.baseUrl, HEADROOM_RESTART_MODE: endpoint.mode },
    });
    return {
      summary: `${endpoint.mode} restart done: instance ${outcome.newInstance} answering after ${Math.round(outcome.waitedMs / 1000)} s, using ${mb(outcome.usedMb)}`,
      reportedFreedMb: null,
      result: { ...outcome },
    };
  }
  if (endpoint.kind === "redis") return cleanRedis(options);
  const client = createTargetClient({ baseUrl: target.baseUrl, timeoutMs: options.timeoutMs });
  const body = endpoint.body?.(params);
  const label = `${endpoint.method} ${endpoint.path}${body === undefined ? "" : ` ${JSON.stringify(body)}`}`;
  return steps.run(label, async () => {
    const result = await callEndpoint(client, definition, params);
    return { value: result, detail: result.summary };
  });
}

async function callEndpoint(client: TargetClient, definition: ActionDefinition, params: Record<string, unknown>): Promise<CallResult> {
  switch (definition.id) {
    case "cache-cleanup":
      return remediation(await client.cleanupCache());
    case "agent-pool-resize":
      return remediation(await client.resizeAgentPool({ max_size: Number(params.max_size) }));
    case "force-gc":
      return remediation(await client.collectGarbage());
    case "agent-cleanup":
      return remediation(await client.cleanupAgents());
    case "belief-compact":
      return remediation(await client.compactBeliefs());
    case "db-pool-reset":
      return remediation(await client.resetDbPool());
    case "belief-compression": {
      const answer = await client.updateConfig({ belief_compression: true, belief_size_limit_mb: Number(params.belief_size_limit_mb) });
      const { config, previous } = answer;
      return {
        summary: `belief compression ${previous.belief_compression ? "stays on" : "turned on"}; size limit ${previous.belief_size_limit_mb} → ${config.belief_size_limit_mb} MB (frees nothing by itself: compact next)`,
        reportedFreedMb: null,
        result: answer,
      };
    }
    default:
      throw new DriverError("not_configured", `${definition.label} is not run through this call.`);
  }
}

function remediation(result: RemediationResult): CallResult {
  const freed = `freed ${mb(result.freed_mb)} (${mb(result.used_before_mb)} → ${mb(result.used_after_mb)})`;
  const detail = (() => {
    switch (result.action) {
      case "cache_cleanup":
        return `${count(result.details.entries_removed)} expired entries removed, ${count(result.details.live_entries)} live entries kept`;
      case "agent_pool_resize":
        return `pool ceiling ${result.details.previous_max_size} → ${result.details.max_size}, ${count(result.details.evicted_agents)} idle agents evicted, ${count(result.details.active_agents)} busy agents kept`;
      case "gc":
        return `${count(result.details.collected_objects)} objects collected`;
      case "agent_cleanup":
        return `${count(result.details.orphans_removed)} orphaned agents released`;
      case "belief_compaction":
        return `${count(result.details.agents_compacted)} agents compacted to ${result.details.belief_size_limit_mb} MB`;
      case "db_pool_reset":
        return `${count(result.details.idle_closed)} idle and ${count(result.details.idle_in_transaction_closed)} idle-in-transaction connections closed, ${count(result.details.active_kept)} busy kept`;
    }
  })();
  return { summary: `${freed}; ${detail}`, reportedFreedMb: result.freed_mb, result };
}

async function cleanRedis(options: CallTargetOptions): Promise<CallResult> {
  const { drivers, params, steps, target } = options;
  const redis = drivers.redis;
  if (!redis) throw new DriverError("not_configured", `No Redis is configured for ${target.slug}: an admin sets its Redis URL in the remediation settings.`);
  if (redis.kind === "simulator") {
    // Demo mode: the simulator's stand-in for the runbook's EVAL, over the same validated transport.
    const url = new URL(redis.url);
    const http = createRequester({ baseUrl: url.origin, timeoutMs: options.timeoutMs, fetch: globalThis.fetch });
    return steps.run(`POST ${redis.url} (demo simulator)`, async () => {
      const answer = await http.json({ method: "POST", path: url.pathname }, redisCleanResponseSchema);
      const summary = `freed ${mb(answer.freed_mb)}; ${count(answer.keys_deleted)} ${redis.pattern} keys deleted (simulated Redis)`;
      return { value: { summary, reportedFreedMb: answer.freed_mb, result: answer }, detail: summary };
    });
  }
  const batchSize = Number(params.batch_size);
  return steps.run(`SCAN MATCH ${redis.pattern} COUNT ${batchSize} + UNLINK per batch`, async () => {
    const cleanup = await cleanRedisKeys({ url: redis.url, pattern: redis.pattern, batchSize, timeoutMs: options.timeoutMs });
    const freed = cleanup.usedBeforeMb !== null && cleanup.usedAfterMb !== null ? cleanup.usedBeforeMb - cleanup.usedAfterMb : null;
    const summary =
      `${count(cleanup.deleted)} keys matching ${cleanup.pattern} unlinked in ${cleanup.batches} batch${cleanup.batches === 1 ? "" : "es"}` +
      (freed === null ? "" : `; Redis used memory ${mb(cleanup.usedBeforeMb!)} → ${mb(cleanup.usedAfterMb!)}`);
    return { value: { summary, reportedFreedMb: freed, result: cleanup }, detail: summary };
  });
}
