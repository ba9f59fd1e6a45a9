-- Targets of three kinds (docs/decisions/0016-target-kinds-and-presets.md): the runbook API as
-- before, any Prometheus exposition endpoint read through a preset or explicit metric names, and
-- push-only targets that are never scraped. A target may come from the provisioning file
-- (docs/decisions/0017-provisioning-file.md), which then owns its collection settings.

ALTER TABLE "targets"
    ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'runbook-api',
    ADD COLUMN "preset" TEXT,
    ADD COLUMN "used_metric" TEXT,
    ADD COLUMN "limit_metric" TEXT,
    ADD COLUMN "match_labels" JSONB NOT NULL DEFAULT '{}',
    -- What an admin or the file set; NULL: none given, the source reports it.
    ADD COLUMN "configured_memory_limit_mb" INTEGER,
    -- Where memory_limit_mb (the limit everything reads) came from.
    ADD COLUMN "memory_limit_source" TEXT NOT NULL DEFAULT 'configured',
    -- The provisioning file's name when the target comes from it; NULL when managed in the console.
    ADD COLUMN "provisioned_from" TEXT,
    ADD CONSTRAINT "targets_kind_known" CHECK ("kind" IN ('runbook-api', 'prometheus', 'push')),
    ADD CONSTRAINT "targets_preset_known" CHECK ("preset" IS NULL OR "preset" IN ('process', 'node-exporter', 'cadvisor')),
    ADD CONSTRAINT "targets_limit_source_known" CHECK ("memory_limit_source" IN ('configured', 'reported', 'default')),
    ADD CONSTRAINT "targets_configured_limit_positive" CHECK ("configured_memory_limit_mb" IS NULL OR "configured_memory_limit_mb" > 0),
    ADD CONSTRAINT "targets_scraped_have_url" CHECK ("kind" = 'push' OR "base_url" <> ''),
    ADD CONSTRAINT "targets_prometheus_mapped" CHECK ("kind" <> 'prometheus' OR "preset" IS NOT NULL OR "used_metric" IS NOT NULL);

UPDATE "targets" SET "configured_memory_limit_mb" = "memory_limit_mb";
