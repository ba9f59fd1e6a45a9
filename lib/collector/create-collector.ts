import "server-only";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { isDatabaseUnavailable } from "@/lib/database-unavailable";
import { backfillHistory } from "@/lib/collector/backfill-history";
import { claimDueTargets, type ClaimedTarget } from "@/lib/collector/claim-due-targets";
import { createDatabaseOutage } from "@/lib/collector/database-outage";
import { recordScrape } from "@/lib/collector/record-scrape";
import { toScrapeRecord } from "@/lib/collector/scrape-record";
import { scrapeTarget, type ScrapeResult } from "@/lib/collector/scrape-target";
import { scrapeExpositionTarget } from "@/lib/collector/scrape-exposition-target";
import { headroomMetrics } from "@/lib/self-metrics/headroom-metrics";
import { mappingOfRow } from "@/lib/targets/target-definition";

export type Collector = {
  workerId: string;
  /** Claims due targets (or, while the database is down, takes them from its own schedule) and starts their scrapes; does not wait for them. */
  tick(): Promise<number>;
  /** Waits for every scrape in flight, then tries once more to write what the outage buffer holds. */
  drain(): Promise<void>;
  inFlight(): number;
  /** Scrape records waiting for the database. */
  buffered(): { records: number; samples: number };
};

export function newWorkerId(): string {
  return `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
}

/**
 * The scrape scheduler of one worker. Scrapes run concurrently up to `concurrency`; a slow
 * target holds one slot for at most its timeout and never delays the others' schedule. While
 * the database is unreachable it keeps scraping the targets it held and buffers the records
 * (bounded; see database-outage.ts), writing them when the database is back.
 */
export function createCollector(options: {
  workerId?: string;
  concurrency?: number;
  timeoutMs?: number;
  backfillDemoHistory?: boolean;
  /** How much history a demo backfill asks for (24 h unless told). */
  backfillHours?: number;
  bufferMaxSamples?: number;
  log?: (line: string) => void;
}): Collector {
  const workerId = options.workerId ?? newWorkerId();
  const concurrency = options.concurrency ?? 64;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const log = options.log ?? (() => {});
  const running = new Set<Promise<void>>();
  const scraping = new Set<number>();
  const backfilled = new Set<number>();
  const outage = createDatabaseOutage({ maxSamples: options.bufferMaxSamples ?? env().COLLECTOR_BUFFER_MAX_SAMPLES, log });
  // Created now, not inside the first scrape: registering the default metrics takes a moment.
  const metrics = headroomMetrics();

  async function maybeBackfill(target: ClaimedTarget) {
    // Only the runbook API has history to hand over.
    if (!options.backfillDemoHistory || target.kind !== "runbook-api" || backfilled.has(target.id) || outage.active()) return;
    try {
      const row = await db.target.findUnique({ where: { id: target.id }, select: { lastSampleAt: true } });
      if (row?.lastSampleAt) {
        backfilled.add(target.id);
        return;
      }
      const written = await backfillHistory({ targetId: target.id, baseUrl: target.baseUrl, duration: `${options.backfillHours ?? 24}h` });
      backfilled.add(target.id);
      log(`backfilled ${written} samples of history for ${target.slug}`);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) log(`backfill of ${target.slug} failed, will retry: ${(error as Error).message}`);
    }
  }

  async function scrapeOne(target: ClaimedTarget) {
    await maybeBackfill(target);
    const startedAt = new Date();
    const result = await scrapeByKind(target, timeoutMs);
    const outcome = { targetId: target.id, startedAt, durationMs: Date.now() - startedAt.getTime(), workerId, result };
    const counted = !result.ok ? "down" : result.partialErrors.length > 0 ? "partial" : "ok";
    metrics.scrapeDuration.observe({ target: target.slug, outcome: counted }, outcome.durationMs / 1000);
    metrics.scrapes.inc({ target: target.slug, outcome: counted });
    if (!outage.active()) {
      try {
        await recordScrape(outcome);
        return;
      } catch (error) {
        if (!isDatabaseUnavailable(error)) throw error;
        outage.begin(error);
      }
    }
    outage.hold(toScrapeRecord(outcome));
  }

  function start(targets: ClaimedTarget[]): number {
    let started = 0;
    for (const target of targets) {
      if (scraping.has(target.id) || running.size >= concurrency) continue;
      scraping.add(target.id);
      const job = scrapeOne(target)
        .catch((error: Error) => log(`scrape of ${target.slug} could not be recorded: ${error.message}`))
        .finally(() => {
          running.delete(job);
          scraping.delete(target.id);
        });
      running.add(job);
      started += 1;
    }
    return started;
  }

  return {
    workerId,
    async tick() {
      if (outage.active() && !(await outage.tryToEnd())) return start(outage.due(Date.now()));
      const free = concurrency - running.size;
      if (free <= 0) return 0;
      let targets: ClaimedTarget[];
      try {
        targets = await claimDueTargets({ limit: free });
      } catch (error) {
        if (!isDatabaseUnavailable(error)) throw error;
        outage.begin(error);
        return start(outage.due(Date.now()));
      }
      outage.claimed(targets, Date.now());
      return start(targets);
    },
    async drain() {
      await Promise.all([...running]);
      await outage.flushBeforeExit();
    },
    inFlight: () => running.size,
    buffered: () => outage.size(),
  };
}

/** The runbook API's endpoints, or a Prometheus endpoint read through the target's preset or metric names. */
function scrapeByKind(target: ClaimedTarget, timeoutMs: number): Promise<ScrapeResult> {
  if (target.kind !== "prometheus") return scrapeTarget({ baseUrl: target.baseUrl, timeoutMs });
  const mapping = mappingOfRow(target);
  if (!mapping) return Promise.resolve({ ok: false, error: "The target has neither a preset nor used_metric: set one in its settings.", kind: "config" });
  return scrapeExpositionTarget({ url: target.baseUrl, mapping, timeoutMs });
}
