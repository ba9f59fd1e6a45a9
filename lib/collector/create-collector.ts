import "server-only";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { backfillHistory } from "@/lib/collector/backfill-history";
import { claimDueTargets, type ClaimedTarget } from "@/lib/collector/claim-due-targets";
import { recordScrape } from "@/lib/collector/record-scrape";
import { scrapeTarget, type ScrapeResult } from "@/lib/collector/scrape-target";
import { scrapeExpositionTarget } from "@/lib/collector/scrape-exposition-target";
import { headroomMetrics } from "@/lib/self-metrics/headroom-metrics";
import { mappingOfRow } from "@/lib/targets/target-definition";

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

/**
 * The scrape scheduler of one worker. Scrapes run concurrently up to `concurrency`; a slow
 * target holds one slot for at most its timeout and never delays the others' schedule.
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
  // Created now, not inside the first scrape: registering the default metrics takes a moment.
  const metrics = headroomMetrics();

  async function maybeBackfill(target: ClaimedTarget) {
    if (!options.backfillDemoHistory || target.kind !== "runbook-api" || backfilled.has(target.id)) return;
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
    const result = await scrapeByKind(target, timeoutMs);
    const durationMs = Date.now() - startedAt.getTime();
    const outcome = !result.ok ? "down" : result.partialErrors.length > 0 ? "partial" : "ok";
    metrics.scrapeDuration.observe({ target: target.slug, outcome }, durationMs / 1000);
    metrics.scrapes.inc({ target: target.slug, outcome });
    await recordScrape({ targetId: target.id, startedAt, durationMs, workerId, result });
  }

  return {
    workerId,
    async tick() {
      const free = concurrency - running.size;
      if (free <= 0) return 0;
      const targets = await claimDueTargets({ limit: free });
      for (const target of targets) {
        const job = scrapeOne(target)
          .catch((error: Error) => log(`scrape of ${target.slug} could not be recorded: ${error.message}`))
          .finally(() => running.delete(job));
        running.add(job);
      }
      return targets.length;
    },
    async drain() {
      await Promise.all([...running]);
    },
    inFlight: () => running.size,
  };
}

/** The runbook API's endpoints, or a Prometheus endpoint read through the target's preset or metric names. */
function scrapeByKind(target: ClaimedTarget, timeoutMs: number): Promise<ScrapeResult> {
  if (target.kind !== "prometheus") return scrapeTarget({ baseUrl: target.baseUrl, timeoutMs });
  const mapping = mappingOfRow(target);
  if (!mapping) return Promise.resolve({ ok: false, error: "The target has neither a preset nor used_metric: set one in its settings.", kind: "config" });
  return scrapeExpositionTarget({ url: target.baseUrl, mapping, timeoutMs });
}
