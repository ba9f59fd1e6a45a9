-- Metrics pipeline: scrape schedule and history, latest investigation snapshots,
-- 5-minute rollups for long ranges, and per-target ingest tokens.

-- Collection state shown on the overview without scanning history.
ALTER TABLE "targets"
    ADD COLUMN "next_scrape_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    ADD COLUMN "last_scrape_at" TIMESTAMPTZ(3),
    ADD COLUMN "last_scrape_ok" BOOLEAN,
    ADD COLUMN "last_scrape_error" TEXT,
    ADD COLUMN "last_sample_at" TIMESTAMPTZ(3);

-- Every scrape attempt, up or down: a failed scrape is data too.
CREATE TABLE "target_scrapes" (
    "target_id" INTEGER NOT NULL REFERENCES "targets"("id") ON DELETE CASCADE,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "duration_ms" INTEGER NOT NULL,
    "error" TEXT,
    "worker_id" TEXT NOT NULL,
    CONSTRAINT "target_scrapes_pkey" PRIMARY KEY ("target_id", "started_at")
);

-- The newest document of each kind per target (websocket stats, agent lifecycle, ...), for
-- the investigation panels; history of the numbers in them lives in "metrics".
CREATE TABLE "target_snapshots" (
    "target_id" INTEGER NOT NULL REFERENCES "targets"("id") ON DELETE CASCADE,
    "kind" TEXT NOT NULL,
    "captured_at" TIMESTAMPTZ(3) NOT NULL,
    "payload" JSONB NOT NULL,
    CONSTRAINT "target_snapshots_pkey" PRIMARY KEY ("target_id", "kind")
);

-- 5-minute rollups (min/avg/max/last), kept far longer than raw samples and read for long ranges.
CREATE TABLE "metric_rollups_5m" (
    "target_id" INTEGER NOT NULL REFERENCES "targets"("id") ON DELETE CASCADE,
    "metric_name" TEXT NOT NULL,
    "labels" TEXT NOT NULL DEFAULT '',
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "min_mb" DOUBLE PRECISION NOT NULL,
    "avg_mb" DOUBLE PRECISION NOT NULL,
    "max_mb" DOUBLE PRECISION NOT NULL,
    "last_mb" DOUBLE PRECISION NOT NULL,
    "sample_count" INTEGER NOT NULL,
    CONSTRAINT "metric_rollups_5m_pkey" PRIMARY KEY ("target_id", "metric_name", "labels", "bucket")
);
CREATE INDEX "metric_rollups_5m_bucket_idx" ON "metric_rollups_5m"("bucket");

-- Recomputes the rollups of every bucket that overlaps [p_from, p_to) from raw samples,
-- for one target or (p_target_id NULL) all of them.
CREATE FUNCTION headroom_refresh_rollups(p_from TIMESTAMPTZ, p_to TIMESTAMPTZ, p_target_id INTEGER DEFAULT NULL)
RETURNS INTEGER LANGUAGE sql AS $$
    WITH upserted AS (
        INSERT INTO "metric_rollups_5m" AS r
            ("target_id", "metric_name", "labels", "bucket", "min_mb", "avg_mb", "max_mb", "last_mb", "sample_count")
        SELECT "target_id", "metric_name", "labels",
               date_bin('5 minutes', "timestamp", TIMESTAMPTZ '2000-01-01 00:00:00+00') AS bucket,
               min("memory_used_mb"), avg("memory_used_mb"), max("memory_used_mb"),
               (array_agg("memory_used_mb" ORDER BY "timestamp" DESC))[1],
               count(*)
        FROM "metrics"
        WHERE "timestamp" >= date_bin('5 minutes', p_from, TIMESTAMPTZ '2000-01-01 00:00:00+00')
          AND "timestamp" < p_to
          AND (p_target_id IS NULL OR "target_id" = p_target_id)
        GROUP BY 1, 2, 3, 4
        ON CONFLICT ("target_id", "metric_name", "labels", "bucket") DO UPDATE SET
            "min_mb" = EXCLUDED."min_mb", "avg_mb" = EXCLUDED."avg_mb", "max_mb" = EXCLUDED."max_mb",
            "last_mb" = EXCLUDED."last_mb", "sample_count" = EXCLUDED."sample_count"
        RETURNING 1
    )
    SELECT count(*)::int FROM upserted;
$$;

-- Push ingestion: one bearer token per client, stored as a SHA-256 hash only.
CREATE TABLE "ingest_tokens" (
    "id" SERIAL PRIMARY KEY,
    "target_id" INTEGER NOT NULL REFERENCES "targets"("id") ON DELETE CASCADE,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "token_prefix" TEXT NOT NULL,
    "created_by_id" INTEGER REFERENCES "users"("id") ON DELETE SET NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3)
);
CREATE UNIQUE INDEX "ingest_tokens_token_hash_key" ON "ingest_tokens"("token_hash");
