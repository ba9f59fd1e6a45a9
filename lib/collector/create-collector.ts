import "server-only";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { isDatabaseUnavailable } from "@/lib/database-unavailable";
import { backfillHistory } from "@/lib/collector/backfill-history";
import { claimDueTargets, type ClaimedTarget } from "@/lib/collector/claim-due-targets";
import { createDatabaseOutage } from "@/lib/collector/database-outage";
import { recordScrapes } from "@/lib/collector/record-scrapes";
import { toScrapeRecord, type ScrapeOutcome } from "@/lib/collector/scrape-record";
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

// Operations finished a little before the last scrape are asked for again, in case the
// target's clock is behind ours: re-storing one is a no-op, missing one is not.
const OPERATIONS_OVERLAP_MS = 60_000;
// Bounds one batch's statements; a large fleet's scrapes finish a few dozen at a time anyway.
const MAX_BATCH = 250;

/**
 * The scrape scheduler of one worker. Scrapes run concurrently up to `concurrency`; a slow
 * target holds one slot for at most its timeout and never delays the others' schedule.
 * Finished scrapes are recorded in batches: while one batch is written the next gathers, so a
 * large fleet costs a few statements per batch instead of several per scrape. A scrape keeps
 * its slot until it is recorded, so a slow database slows scraping instead of piling up results.
 * While the database is unreachable it keeps scraping the targets it held and buffers the
 * records (bounded; see database-outage.ts), writing them when the database is back.
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

  let queue: { scrape: ScrapeOutcome; done: () => void }[] = [];
  let writing: Promise<void> | null = null;

  async function writeBatch(scrapes: ScrapeOutcome[]): Promise<void> {
    // No await between the check and the hold: a record must not slip past the end of an outage.
    if (outage.active()) return scrapes.forEach((s) => outage.hold(toScrapeRecord(s)));
    try {
      await recordScrapes({ scrapes });
    } catch (error) {
      if (isDatabaseUnavailable(error)) {
        outage.begin(error);
        return writeBatch(scrapes);
      }
      // One bad record (a target deleted meanwhile) must not cost the others theirs.
      if (scrapes.length === 1) throw error;
      for (const scrape of scrapes) {
        await writeBatch([scrape]).catch((e: Error) => log(`scrape of target ${scrape.targetId} could not be recorded: ${e.message}`));
      }
    }
  }

  async function writeQueued() {
    while (queue.length > 0) {
      const batch = queue.slice(0, MAX_BATCH);
      queue = queue.slice(MAX_BATCH);
      await writeBatch(batch.map((b) => b.scrape))
        .catch((error: Error) => log(`scrape of target ${batch[0].scrape.targetId} could not be recorded: ${error.message}`))
        .finally(() => batch.forEach((b) => b.done()));
    }
    writing = null;
  }

  function record(scrape: ScrapeOutcome): Promise<void> {
    if (outage.active()) {
      outage.hold(toScrapeRecord(scrape));
      return Promise.resolve();
    }
    return new Promise((done) => {
      queue.push({ scrape, done });
      writing ??= writeQueued();
    });
  }

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
    await record(outcome);
  }

  // A finished scrape's slot is refilled at once rather than at the next tick, a few slots at a
  // time: claiming only on ticks capped one worker at `concurrency` scrapes per tick (64 a
  // second, 960 targets at 15 s) whatever its CPU allowed.
  const refillBatch = Math.max(1, Math.floor(concurrency / 8));
  let claiming: Promise<number> | null = null;
  let draining = false;

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
          refill();
        });
      running.add(job);
      started += 1;
    }
    return started;
  }

  function claim(): Promise<number> {
    const free = concurrency - running.size;
    const claimed =
      free <= 0
        ? Promise.resolve(0)
        : claimDueTargets({ limit: free }).then(
            (targets) => {
              outage.claimed(targets, Date.now());
              return start(targets);
            },
            (error: unknown) => {
              if (!isDatabaseUnavailable(error)) throw error;
              outage.begin(error);
              return start(outage.due(Date.now()));
            },
          );
    claiming = claimed;
    void claimed.catch(() => undefined).finally(() => {
      if (claiming === claimed) claiming = null;
    });
    return claimed;
  }

  function refill() {
    // While the database is away the local schedule is followed on ticks only.
    if (draining || claiming || outage.active() || concurrency - running.size < refillBatch) return;
    claim().catch((error: Error) => log(`claiming due targets failed: ${error.message}`));
  }

  return {
    workerId,
    async tick() {
      // One claim at a time: a refill in flight is this tick's claim.
      if (claiming) return claiming.catch(() => 0);
      if (outage.active() && !(await outage.tryToEnd())) return start(outage.due(Date.now()));
      return claim();
    },
    async drain() {
      draining = true;
      if (claiming) await claiming.catch(() => undefined);
      while (running.size > 0) await Promise.all([...running]);
      draining = false;
      await outage.flushBeforeExit();
    },
    inFlight: () => running.size,
    buffered: () => outage.size(),
  };
}

/** The runbook API's endpoints, or a Prometheus endpoint read through the target's preset or metric names. */
function scrapeByKind(target: ClaimedTarget, timeoutMs: number): Promise<ScrapeResult> {
  if (target.kind !== "prometheus") {
    const operationsSince = target.lastSampleAt ? new Date(target.lastSampleAt.getTime() - OPERATIONS_OVERLAP_MS) : undefined;
    return scrapeTarget({ baseUrl: target.baseUrl, timeoutMs, operationsSince });
  }
  const mapping = mappingOfRow(target);
  if (!mapping) return Promise.resolve({ ok: false, error: "The target has neither a preset nor used_metric: set one in its settings.", kind: "config" });
  return scrapeExpositionTarget({ url: target.baseUrl, mapping, timeoutMs });
}
