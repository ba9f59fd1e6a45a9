import "server-only";
import { db } from "@/lib/db";

/**
 * `nextScrapeAt`: when the claim's next slot is due (a worker keeps that schedule while the
 * database is down); `lastSampleAt`: where the incremental operations request starts.
 */
export type ClaimedTarget = {
  id: number;
  slug: string;
  baseUrl: string;
  scrapeIntervalSeconds: number;
  nextScrapeAt: Date;
  lastSampleAt: Date | null;
  kind: string;
  preset: string | null;
  usedMetric: string | null;
  limitMetric: string | null;
  matchLabels: unknown;
};

/**
 * Claims the targets due for a scrape and moves their next scrape one interval on, in one
 * statement. Rows another replica is claiming are skipped (SKIP LOCKED), so each target is
 * scraped once per interval however many workers run, and a dead worker's targets are simply
 * claimed by another at their next due time. Push targets are never scraped.
 */
export async function claimDueTargets(options: { limit: number }): Promise<ClaimedTarget[]> {
  return db.$queryRaw<ClaimedTarget[]>`
    UPDATE targets t
    SET next_scrape_at = CASE
      WHEN t.next_scrape_at + make_interval(secs => t.scrape_interval_seconds) > now()
        THEN t.next_scrape_at + make_interval(secs => t.scrape_interval_seconds)
      ELSE now() + make_interval(secs => t.scrape_interval_seconds)
    END
    WHERE t.id IN (
      SELECT id FROM targets
      WHERE enabled AND kind <> 'push' AND next_scrape_at <= now()
      ORDER BY next_scrape_at
      LIMIT ${options.limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING t.id, t.slug, t.base_url AS "baseUrl", t.scrape_interval_seconds AS "scrapeIntervalSeconds",
      t.next_scrape_at AS "nextScrapeAt", t.last_sample_at AS "lastSampleAt", t.kind, t.preset, t.used_metric AS "usedMetric",
      t.limit_metric AS "limitMetric", t.match_labels AS "matchLabels"`;
}
