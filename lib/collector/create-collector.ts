import "server-only";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { backfillHistory } from "@/lib/collector/backfill-history";
import { claimDueTargets, type ClaimedTarget } from "@/lib/collector/claim-due-targets";
import { recordScrapes, type FinishedScrape } from "@/lib/collector/record-scrapes";
import { scrapeTarget } from "@/lib/collector/scrape-target";

export type Collector = {
  workerId: string;
  /** Claims due targets and starts their scrapes; does not wait for them. */
  tick(): Promise<number>;
  /** Waits for every scrape in flight. */
  drain(): Promise<void>;
  inFlight(): number;
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
 */
export function createCollector(options: {
  workerId?: string;
  concurrency?: number;
  timeoutMs?: number;
  backfillDemoHistory?: boolean;
  log?: (line: string) => void;
}): Collector {
  const workerId = options.workerId ?? newWorkerId();
  const concurrency = options.concurrency ?? 64;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const log = options.log ?? (() => {});
  const running = new Set<Promise<void>>();
  const backfilled = new Set<number>();
  let queue: { scrape: FinishedScrape; done: () => void }[] = [];
  let writing: Promise<void> | null = null;

  async function writeBatch(batch: typeof queue) {
    const scrapes = batch.map((b) => b.scrape);
    try {
      await recordScrapes({ scrapes, workerId });
    } catch (error) {
      // One bad record (a target deleted meanwhile) must not cost the others theirs.
      if (scrapes.length === 1) throw error;
      for (const scrape of scrapes) {
        await recordScrapes({ scrapes: [scrape], workerId }).catch((e: Error) => log(`scrape of target ${scrape.targetId} could not be recorded: ${e.message}`));
      }
    }
  }

  async function writeQueued() {
    while (queue.length > 0) {
      const batch = queue.slice(0, MAX_BATCH);
      queue = queue.slice(MAX_BATCH);
      await writeBatch(batch)
        .catch((error: Error) => log(`scrape of target ${batch[0].scrape.targetId} could not be recorded: ${error.message}`))
        .finally(() => batch.forEach((b) => b.done()));
    }
    writing = null;
  }

  function record(scrape: FinishedScrape): Promise<void> {
    return new Promise((done) => {
      queue.push({ scrape, done });
      writing ??= writeQueued();
    });
  }

  async function maybeBackfill(target: ClaimedTarget) {
    if (!options.backfillDemoHistory || backfilled.has(target.id)) return;
    const row = await db.target.findUnique({ where: { id: target.id }, select: { lastSampleAt: true } });
    if (row?.lastSampleAt) {
      backfilled.add(target.id);
      return;
    }
    try {
      const written = await backfillHistory({ targetId: target.id, baseUrl: target.baseUrl });
      backfilled.add(target.id);
      log(`backfilled ${written} samples of history for ${target.slug}`);
    } catch (error) {
      log(`backfill of ${target.slug} failed, will retry: ${(error as Error).message}`);
    }
  }

  async function scrapeOne(target: ClaimedTarget) {
    await maybeBackfill(target);
    const startedAt = new Date();
    const operationsSince = target.lastSampleAt ? new Date(target.lastSampleAt.getTime() - OPERATIONS_OVERLAP_MS) : undefined;
    const result = await scrapeTarget({ baseUrl: target.baseUrl, timeoutMs, operationsSince });
    await record({ targetId: target.id, startedAt, durationMs: Date.now() - startedAt.getTime(), result });
  }

  // A finished scrape's slot is refilled at once rather than at the next tick, a few slots at a
  // time: claiming only on ticks capped one worker at `concurrency` scrapes per tick (64 a
  // second, 960 targets at 15 s) whatever its CPU allowed.
  const refillBatch = Math.max(1, Math.floor(concurrency / 8));
  let claiming: Promise<number> | null = null;
  let draining = false;

  function start(target: ClaimedTarget) {
    const job = scrapeOne(target)
      .catch((error: Error) => log(`scrape of ${target.slug} could not be recorded: ${error.message}`))
      .finally(() => {
        running.delete(job);
        refill();
      });
    running.add(job);
  }

  function claim(): Promise<number> {
    const free = concurrency - running.size;
    const claimed = free <= 0 ? Promise.resolve(0) : claimDueTargets({ limit: free }).then((targets) => {
      targets.forEach(start);
      return targets.length;
    });
    claiming = claimed;
    void claimed.catch(() => undefined).finally(() => {
      if (claiming === claimed) claiming = null;
    });
    return claimed;
  }

  function refill() {
    if (draining || claiming || concurrency - running.size < refillBatch) return;
    claim().catch((error: Error) => log(`claiming due targets failed: ${error.message}`));
  }

  return {
    workerId,
    async tick() {
      // One claim at a time: a refill in flight is this tick's claim.
      return claiming ? claiming.catch(() => 0) : claim();
    },
    async drain() {
      draining = true;
      if (claiming) await claiming.catch(() => undefined);
      while (running.size > 0) await Promise.all([...running]);
      draining = false;
    },
    inFlight: () => running.size,
  };
}
