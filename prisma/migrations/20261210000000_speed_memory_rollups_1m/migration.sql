-- One-minute maxima of each target's total memory. A chart window whose step is a minute or
-- more reads these rather than raw samples (a 24-hour chart at 600 points: 1,440 rows instead
-- of 5,760), docs/decisions/0024-minute-rollups-for-chart-reads.md. Total memory only: it is
-- the one series charts read, so the extra write is one row per target per minute. Kept as long
-- as raw samples (lib/metrics/apply-retention.ts). max_mb is in the index so that a read is an
-- index-only scan.
CREATE TABLE "memory_rollups_1m" (
    "target_id" INTEGER NOT NULL REFERENCES "targets"("id") ON DELETE CASCADE,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "max_mb" DOUBLE PRECISION NOT NULL,
    "sample_count" INTEGER NOT NULL,
    CONSTRAINT "memory_rollups_1m_pkey" PRIMARY KEY ("target_id", "bucket") INCLUDE ("max_mb")
);
CREATE INDEX "memory_rollups_1m_bucket_idx" ON "memory_rollups_1m"("bucket");

-- Recomputes the minute maxima of every minute that overlaps [p_from, p_to) from raw samples,
-- for one target or (p_target_id NULL) all of them. lib/metrics/refresh-rollups.ts calls it with
-- headroom_refresh_rollups, so every path that keeps the 5-minute rollups current (the minute's
-- maintenance, ingest, history backfill, late writes after an outage) keeps these current too.
CREATE FUNCTION headroom_refresh_memory_rollups_1m(p_from TIMESTAMPTZ, p_to TIMESTAMPTZ, p_target_id INTEGER DEFAULT NULL)
RETURNS INTEGER LANGUAGE sql AS $$
    WITH upserted AS (
        INSERT INTO "memory_rollups_1m" AS r ("target_id", "bucket", "max_mb", "sample_count")
        SELECT "target_id", date_bin('1 minute', "timestamp", TIMESTAMPTZ '2000-01-01 00:00:00+00'), max("memory_used_mb"), count(*)
        FROM "metrics"
        WHERE "metric_name" = 'system.memory.used' AND "labels" = ''
          AND "timestamp" >= date_bin('1 minute', p_from, TIMESTAMPTZ '2000-01-01 00:00:00+00')
          AND "timestamp" < p_to
          AND (p_target_id IS NULL OR "target_id" = p_target_id)
        GROUP BY 1, 2
        ON CONFLICT ("target_id", "bucket") DO UPDATE SET
            "max_mb" = EXCLUDED."max_mb", "sample_count" = EXCLUDED."sample_count"
        RETURNING 1
    )
    SELECT count(*)::int FROM upserted;
$$;

-- The minute maxima of what is already stored.
SELECT headroom_refresh_memory_rollups_1m(COALESCE((SELECT min("timestamp") FROM "metrics"), now()), now() + INTERVAL '1 day');
