import "server-only";
import { db } from "@/lib/db";

/**
 * After an outage: gives the database the slots the worker kept scraping on, so the next claim
 * of each target comes one interval after its last local scrape instead of at once (which would
 * store an extra sample) or a slot late (a missing one). Another worker's later slot wins.
 * Runs a statement even with no slots: it is also the check that the database is back.
 */
export async function resumeClaims(options: { slots: { id: number; nextScrapeAt: Date }[] }): Promise<void> {
  const ids = options.slots.map((s) => s.id);
  const next = options.slots.map((s) => s.nextScrapeAt.toISOString());
  await db.$executeRaw`
    UPDATE targets t SET next_scrape_at = GREATEST(t.next_scrape_at, s.next_scrape_at)
    FROM unnest(${ids}::int[], ${next}::timestamptz[]) AS s(id, next_scrape_at)
    WHERE t.id = s.id`;
}
