-- Alerting: per-target rules with a version history, persisted rule state, the transitions
-- (recorded once however many workers evaluate), silences, and webhook notifications with a
-- delivery queue. Incidents and their timeline are in 20261128015000_incidents.
-- Actors ("who") are kept as id + email snapshots without a foreign key: history must outlive
-- the account it names.

-- Current rules of a target; a target without rows uses the default HighMemoryUsage rules.
-- `version` is the version of the target's whole rule set (equal on all its rows).
CREATE TABLE "alert_rules" (
    "target_id" INTEGER NOT NULL REFERENCES "targets"("id") ON DELETE CASCADE,
    "name" TEXT NOT NULL CHECK ("name" IN ('SEV-2', 'SEV-1')),
    "threshold" DOUBLE PRECISION NOT NULL CHECK ("threshold" > 0 AND "threshold" < 1),
    "for_seconds" INTEGER NOT NULL CHECK ("for_seconds" >= 0),
    "lookback_seconds" INTEGER NOT NULL DEFAULT 300 CHECK ("lookback_seconds" > 0),
    "keep_firing_for_seconds" INTEGER CHECK ("keep_firing_for_seconds" >= 0),
    "recovery_threshold" DOUBLE PRECISION,
    "version" INTEGER NOT NULL CHECK ("version" > 0),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_by_id" INTEGER,
    CONSTRAINT "alert_rules_pkey" PRIMARY KEY ("target_id", "name"),
    CONSTRAINT "alert_rules_recovery_below_threshold"
        CHECK ("recovery_threshold" IS NULL OR ("recovery_threshold" >= 0 AND "recovery_threshold" < "threshold"))
);

-- Every change of a target's rules: who, when, the rule set before and after.
CREATE TABLE "alert_rule_versions" (
    "id" BIGSERIAL PRIMARY KEY,
    "target_id" INTEGER NOT NULL REFERENCES "targets"("id") ON DELETE CASCADE,
    "version" INTEGER NOT NULL,
    "old_rules" JSONB NOT NULL,
    "new_rules" JSONB NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "changed_by_id" INTEGER,
    "changed_by_email" TEXT NOT NULL,
    "changed_at" TIMESTAMPTZ(3) NOT NULL
);
CREATE UNIQUE INDEX "alert_rule_versions_target_id_version_key" ON "alert_rule_versions"("target_id", "version");

-- The state machine's state per (target, rule): what survives a worker restart.
CREATE TABLE "alert_states" (
    "target_id" INTEGER NOT NULL REFERENCES "targets"("id") ON DELETE CASCADE,
    "rule_name" TEXT NOT NULL,
    "status" TEXT NOT NULL CHECK ("status" IN ('inactive', 'pending', 'firing')),
    "active_at" TIMESTAMPTZ(3),
    "fired_at" TIMESTAMPTZ(3),
    "resolved_at" TIMESTAMPTZ(3),
    "keep_firing_since" TIMESTAMPTZ(3),
    "no_data_since" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "alert_states_pkey" PRIMARY KEY ("target_id", "rule_name"),
    CONSTRAINT "alert_states_active_consistent" CHECK (("status" = 'inactive') = ("active_at" IS NULL))
);

-- One row per target: the evaluation schedule (claimed with SKIP LOCKED, locked FOR UPDATE
-- while evaluating), the effective state the pages show, and what the webhook last heard.
CREATE TABLE "alert_target_status" (
    "target_id" INTEGER PRIMARY KEY REFERENCES "targets"("id") ON DELETE CASCADE,
    "next_evaluation_at" TIMESTAMPTZ(3) NOT NULL,
    "evaluated_at" TIMESTAMPTZ(3),
    "evaluated_by" TEXT,
    "state" TEXT NOT NULL DEFAULT 'no_data' CHECK ("state" IN ('ok', 'pending', 'SEV-2', 'SEV-1', 'no_data')),
    "state_since" TIMESTAMPTZ(3),
    "no_data" BOOLEAN NOT NULL DEFAULT false,
    "value" DOUBLE PRECISION,
    "resolved_since" TIMESTAMPTZ(3),
    "notified_severity" TEXT CHECK ("notified_severity" IN ('SEV-2', 'SEV-1')),
    "notified_no_data" BOOLEAN NOT NULL DEFAULT false
);
CREATE INDEX "alert_target_status_next_evaluation_at_idx" ON "alert_target_status"("next_evaluation_at");

-- Each transition once: the evaluation holds the target's status row lock, and this index
-- rejects a duplicate should two evaluations ever get past it.
CREATE TABLE "alert_transitions" (
    "id" BIGSERIAL PRIMARY KEY,
    "target_id" INTEGER NOT NULL REFERENCES "targets"("id") ON DELETE CASCADE,
    "rule_name" TEXT NOT NULL,
    "from_status" TEXT NOT NULL,
    "to_status" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "value" DOUBLE PRECISION,
    "no_data" BOOLEAN NOT NULL DEFAULT false,
    "worker_id" TEXT NOT NULL
);
CREATE UNIQUE INDEX "alert_transitions_once" ON "alert_transitions"("target_id", "rule_name", "at", "to_status");
CREATE INDEX "alert_transitions_target_id_at_idx" ON "alert_transitions"("target_id", "at" DESC);

-- A silence suppresses a target's notifications (never its state or incident) until ends_at,
-- or until a lead ends it early (ended_at). Expiry needs no job: it is a comparison with now.
CREATE TABLE "silences" (
    "id" SERIAL PRIMARY KEY,
    "target_id" INTEGER NOT NULL REFERENCES "targets"("id") ON DELETE CASCADE,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "comment" TEXT NOT NULL CHECK (length(btrim("comment")) > 0),
    "created_by_id" INTEGER,
    "created_by_email" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "ended_at" TIMESTAMPTZ(3),
    "ended_by_email" TEXT,
    CONSTRAINT "silences_ends_after_start" CHECK ("ends_at" > "starts_at")
);
CREATE INDEX "silences_target_id_ends_at_idx" ON "silences"("target_id", "ends_at" DESC);

-- Slack-compatible incoming webhook, one per target.
CREATE TABLE "target_webhooks" (
    "target_id" INTEGER PRIMARY KEY REFERENCES "targets"("id") ON DELETE CASCADE,
    "url" TEXT NOT NULL CHECK ("url" ~ '^https?://'),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_by_email" TEXT NOT NULL
);

-- The delivery queue: claimed with SKIP LOCKED, retried with exponential backoff, kept
-- afterwards so failures stay visible. Delivered in order per target.
CREATE TABLE "notifications" (
    "id" BIGSERIAL PRIMARY KEY,
    "target_id" INTEGER NOT NULL REFERENCES "targets"("id") ON DELETE CASCADE,
    "incident_id" INTEGER REFERENCES "incidents"("id") ON DELETE SET NULL,
    "kind" TEXT NOT NULL CHECK ("kind" IN ('firing', 'severity_change', 'no_data', 'resolved')),
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending' CHECK ("status" IN ('pending', 'delivered', 'failed')),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "max_attempts" INTEGER NOT NULL CHECK ("max_attempts" > 0),
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "last_attempt_at" TIMESTAMPTZ(3),
    "last_status_code" INTEGER,
    "last_error" TEXT,
    "delivered_at" TIMESTAMPTZ(3),
    "claimed_by" TEXT
);
CREATE INDEX "notifications_pending_idx" ON "notifications"("next_attempt_at") WHERE "status" = 'pending';
CREATE INDEX "notifications_target_id_created_at_idx" ON "notifications"("target_id", "created_at" DESC);
