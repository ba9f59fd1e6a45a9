import type { ClaimedTarget } from "@/lib/collector/claim-due-targets";

type Held = { target: ClaimedTarget; claimedAt: number; nextDueAt: number };

export type LocalSchedule = {
  /** Remembers targets just claimed, with the next slot the database gave them. */
  hold(targets: ClaimedTarget[], now: number): void;
  /** Targets this worker held when the outage began, `since`, whose slot has come; moves each one slot on. */
  due(now: number, since: number): ClaimedTarget[];
  /** The next slot of every target scraped from this schedule since `since`, to hand back to the database. */
  slotsSince(since: number): { id: number; nextScrapeAt: Date }[];
  held(since: number): number;
};

// A target another worker claimed since is not ours to scrape: only claims younger than two
// intervals (plus a tick's slack) at the start of the outage count as held.
const SLACK_MS = 2_000;
const isHeld = (h: Held, since: number) => h.claimedAt >= since - 2 * h.target.scrapeIntervalSeconds * 1000 - SLACK_MS;

/**
 * The worker's own copy of its claims. Claims live in the database; while it is unreachable
 * the worker keeps scraping what it held, on the same slots, and hands the slots back when
 * the database returns so that the claims carry on in phase (no early or skipped scrape).
 */
export function createLocalSchedule(): LocalSchedule {
  const byId = new Map<number, Held>();
  const scrapedLocally = new Set<number>();
  return {
    hold(targets, now) {
      for (const target of targets) {
        byId.set(target.id, { target, claimedAt: now, nextDueAt: target.nextScrapeAt.getTime() });
        scrapedLocally.delete(target.id);
      }
    },
    due(now, since) {
      const due: ClaimedTarget[] = [];
      for (const h of byId.values()) {
        if (!isHeld(h, since) || h.nextDueAt > now) continue;
        const intervalMs = h.target.scrapeIntervalSeconds * 1000;
        // As the claim query does: the next slot, or one interval from now if slots were missed.
        h.nextDueAt = h.nextDueAt + intervalMs > now ? h.nextDueAt + intervalMs : now + intervalMs;
        scrapedLocally.add(h.target.id);
        due.push(h.target);
      }
      return due;
    },
    slotsSince(since) {
      return [...byId.values()]
        .filter((h) => scrapedLocally.has(h.target.id) && isHeld(h, since))
        .map((h) => ({ id: h.target.id, nextScrapeAt: new Date(h.nextDueAt) }));
    },
    held: (since) => [...byId.values()].filter((h) => isHeld(h, since)).length,
  };
}
