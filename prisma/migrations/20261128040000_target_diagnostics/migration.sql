-- Optional read-only connection to the target's own PostgreSQL, for the runbook's
-- "Check connection count" (pg_stat_activity by state) on the target page.
ALTER TABLE "targets"
    ADD COLUMN "diagnostics_database_url" TEXT
    CONSTRAINT "targets_diagnostics_database_url_format" CHECK ("diagnostics_database_url" ~ '^postgres(ql)?://');
