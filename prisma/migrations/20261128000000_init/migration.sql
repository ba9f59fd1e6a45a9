-- Initial schema: people, monitored targets, and the two tables the runbook's monitoring
-- queries read ("metrics" and "operation_metrics"), with the runbook's column names.

CREATE TYPE "Role" AS ENUM ('viewer', 'responder', 'lead', 'admin');

CREATE TABLE "users" (
    "id" SERIAL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'viewer',
    "password_hash" TEXT,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "users_email_lowercase" CHECK ("email" = lower("email"))
);
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

CREATE TABLE "targets" (
    "id" SERIAL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "base_url" TEXT NOT NULL,
    "memory_limit_mb" INTEGER NOT NULL DEFAULT 4096,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "scrape_interval_seconds" INTEGER NOT NULL DEFAULT 15,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "targets_slug_format" CHECK ("slug" ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    CONSTRAINT "targets_memory_limit_positive" CHECK ("memory_limit_mb" > 0),
    CONSTRAINT "targets_scrape_interval_range" CHECK ("scrape_interval_seconds" BETWEEN 1 AND 3600)
);
CREATE UNIQUE INDEX "targets_slug_key" ON "targets"("slug");

-- Memory samples in MB, one row per (target, metric, label set, timestamp): the primary key
-- makes a re-sent sample a no-op. Partitioned by UTC day; partitions are created ahead by
-- headroom_ensure_metric_partitions() and dropped by the retention job.
CREATE TABLE "metrics" (
    "target_id" INTEGER NOT NULL REFERENCES "targets"("id") ON DELETE CASCADE,
    "metric_name" TEXT NOT NULL,
    "labels" TEXT NOT NULL DEFAULT '',
    "timestamp" TIMESTAMPTZ(3) NOT NULL,
    "memory_used_mb" DOUBLE PRECISION NOT NULL,
    CONSTRAINT "metrics_pkey" PRIMARY KEY ("target_id", "metric_name", "labels", "timestamp")
) PARTITION BY RANGE ("timestamp");
CREATE INDEX "metrics_metric_name_timestamp_idx" ON "metrics"("metric_name", "timestamp");

CREATE FUNCTION headroom_ensure_metric_partitions(p_from TIMESTAMPTZ, p_to TIMESTAMPTZ)
RETURNS INTEGER LANGUAGE plpgsql AS $$
DECLARE
    day DATE := (p_from AT TIME ZONE 'UTC')::date;
    last_day DATE := (p_to AT TIME ZONE 'UTC')::date;
    partition_name TEXT;
    created INTEGER := 0;
BEGIN
    -- Serialise creators (several workers, ingest requests) so none fails on "already exists".
    PERFORM pg_advisory_xact_lock(hashtext('headroom_metric_partitions'));
    WHILE day <= last_day LOOP
        partition_name := 'metrics_p' || to_char(day, 'YYYYMMDD');
        IF to_regclass(partition_name) IS NULL THEN
            EXECUTE format(
                'CREATE TABLE %I PARTITION OF "metrics" FOR VALUES FROM (%L) TO (%L)',
                partition_name,
                (day::timestamp AT TIME ZONE 'UTC'),
                ((day + 1)::timestamp AT TIME ZONE 'UTC'));
            created := created + 1;
        END IF;
        day := day + 1;
    END LOOP;
    RETURN created;
END;
$$;

CREATE TABLE "operation_metrics" (
    "id" BIGSERIAL PRIMARY KEY,
    "target_id" INTEGER NOT NULL REFERENCES "targets"("id") ON DELETE CASCADE,
    "operation_id" TEXT NOT NULL,
    "operation_type" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "duration_s" DOUBLE PRECISION NOT NULL,
    "memory_delta_mb" DOUBLE PRECISION NOT NULL,
    "timestamp" TIMESTAMPTZ(3) NOT NULL
);
CREATE UNIQUE INDEX "operation_metrics_target_id_operation_id_key" ON "operation_metrics"("target_id", "operation_id");
CREATE INDEX "operation_metrics_timestamp_idx" ON "operation_metrics"("timestamp");
