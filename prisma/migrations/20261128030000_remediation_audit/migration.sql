-- Remediation actions, their per-target drivers, OIDC identities, and the append-only audit trail
-- (docs/decisions/0006-remediation-and-approvals.md, docs/decisions/0007-audit-chain.md).
-- Actors are kept as id + label snapshots without a foreign key: history outlives accounts.

-- How restarts and the Redis key cleanup are carried out for a target. No row: restarts and the
-- Redis cleanup are unavailable (in demo mode the simulator's own hooks stand in).
CREATE TABLE "remediation_settings" (
    "target_id" INTEGER PRIMARY KEY REFERENCES "targets"("id") ON DELETE CASCADE,
    "restart_driver" TEXT NOT NULL CHECK ("restart_driver" IN ('http', 'command')),
    "restart_hook_url" TEXT CHECK ("restart_hook_url" ~ '^https?://'),
    "rolling_command" JSONB CHECK ("rolling_command" IS NULL OR jsonb_typeof("rolling_command") = 'array'),
    "emergency_command" JSONB CHECK ("emergency_command" IS NULL OR jsonb_typeof("emergency_command") = 'array'),
    "restart_timeout_seconds" INTEGER NOT NULL DEFAULT 120 CHECK ("restart_timeout_seconds" BETWEEN 5 AND 3600),
    "redis_url" TEXT CHECK ("redis_url" ~ '^rediss?://'),
    "redis_key_pattern" TEXT NOT NULL DEFAULT 'exp:*' CHECK (length("redis_key_pattern") > 0),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "remediation_settings_driver_configured" CHECK (
        ("restart_driver" = 'http' AND "restart_hook_url" IS NOT NULL)
        OR ("restart_driver" = 'command' AND "rolling_command" IS NOT NULL AND "emergency_command" IS NOT NULL))
);

-- One remediation request and its life: requested → (awaiting_approval → approved | rejected |
-- expired) → running → succeeded | failed | timed_out. Every state's time is in "transitions".
CREATE TABLE "remediation_actions" (
    "id" SERIAL PRIMARY KEY,
    "target_id" INTEGER NOT NULL REFERENCES "targets"("id") ON DELETE CASCADE,
    "action_id" TEXT NOT NULL,
    "risk" TEXT NOT NULL CHECK ("risk" IN ('safe', 'disruptive', 'destructive')),
    "params" JSONB NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "state" TEXT NOT NULL CHECK ("state" IN ('requested', 'awaiting_approval', 'approved', 'rejected', 'expired', 'running', 'succeeded', 'failed', 'timed_out')),
    "requested_by_kind" TEXT NOT NULL CHECK ("requested_by_kind" IN ('user', 'policy')),
    "requested_by_id" INTEGER,
    "requested_by_label" TEXT NOT NULL,
    "requested_by_role" TEXT NOT NULL,
    "reason" TEXT,
    "break_glass" BOOLEAN NOT NULL DEFAULT false,
    "requested_at" TIMESTAMPTZ(3) NOT NULL,
    "approval_expires_at" TIMESTAMPTZ(3),
    "decided_at" TIMESTAMPTZ(3),
    "decided_by_id" INTEGER,
    "decided_by_label" TEXT,
    "decision_comment" TEXT,
    "started_at" TIMESTAMPTZ(3),
    "deadline_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "transitions" JSONB NOT NULL DEFAULT '[]',
    "steps" JSONB NOT NULL DEFAULT '[]',
    "result" JSONB,
    "error" TEXT,
    "error_kind" TEXT,
    "incident_id" INTEGER REFERENCES "incidents"("id") ON DELETE SET NULL,
    "memory_before_mb" DOUBLE PRECISION,
    "memory_before_at" TIMESTAMPTZ(3),
    "growth_before_mb_per_5m" DOUBLE PRECISION,
    "memory_after_1m_mb" DOUBLE PRECISION,
    "memory_after_5m_mb" DOUBLE PRECISION,
    "growth_after_mb_per_5m" DOUBLE PRECISION,
    "effect_status" TEXT NOT NULL DEFAULT 'pending' CHECK ("effect_status" IN ('pending', 'partial', 'complete', 'unavailable', 'not_applicable')),
    "artifact_name" TEXT,
    "artifact_bytes" BIGINT,
    "artifact_sha256" TEXT,
    -- Nobody approves their own request: the database refuses it too.
    CONSTRAINT "remediation_actions_no_self_approval" CHECK (
        "decided_by_id" IS NULL OR "requested_by_id" IS NULL OR "decided_by_id" <> "requested_by_id"),
    CONSTRAINT "remediation_actions_break_glass_reason" CHECK (NOT "break_glass" OR length(btrim(coalesce("reason", ''))) > 0),
    CONSTRAINT "remediation_actions_running_has_deadline" CHECK ("state" <> 'running' OR ("started_at" IS NOT NULL AND "deadline_at" IS NOT NULL))
);
CREATE UNIQUE INDEX "remediation_actions_idempotency_key_key" ON "remediation_actions"("idempotency_key");
CREATE INDEX "remediation_actions_target_id_requested_at_idx" ON "remediation_actions"("target_id", "requested_at" DESC);
CREATE INDEX "remediation_actions_awaiting_idx" ON "remediation_actions"("approval_expires_at") WHERE "state" = 'awaiting_approval';
CREATE INDEX "remediation_actions_effect_due_idx" ON "remediation_actions"("finished_at") WHERE "effect_status" IN ('pending', 'partial');
-- The per-target lock: at most one disruptive or destructive action runs on a target at a time,
-- whichever web replica or worker started it.
CREATE UNIQUE INDEX "remediation_actions_one_exclusive_running" ON "remediation_actions"("target_id")
    WHERE "state" = 'running' AND "risk" <> 'safe';

-- OpenID Connect identities: (issuer, subject) → user.
CREATE TABLE "user_identities" (
    "issuer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "user_identities_pkey" PRIMARY KEY ("issuer", "subject")
);
CREATE INDEX "user_identities_user_id_idx" ON "user_identities"("user_id");

-- The audit trail. Rows are appended by lib/audit/append-audit-event.ts, which takes the chain
-- lock, reads the last row's hash and computes this row's hash over its content and that hash.
CREATE SEQUENCE "audit_events_id_seq" AS BIGINT;
CREATE TABLE "audit_events" (
    "id" BIGINT PRIMARY KEY,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "type" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "actor_kind" TEXT NOT NULL CHECK ("actor_kind" IN ('user', 'policy', 'anonymous', 'system')),
    "actor_id" INTEGER,
    "actor_label" TEXT,
    "actor_role" TEXT,
    "target_id" INTEGER,
    "target_slug" TEXT,
    "action_id" TEXT,
    "remediation_id" INTEGER,
    "incident_id" INTEGER,
    "parameters" JSONB,
    "error" TEXT,
    "ip" TEXT,
    "user_agent" TEXT,
    "request_id" TEXT,
    "break_glass" BOOLEAN NOT NULL DEFAULT false,
    "data" JSONB NOT NULL DEFAULT '{}',
    "prev_hash" TEXT NOT NULL CHECK ("prev_hash" ~ '^[0-9a-f]{64}$'),
    "hash" TEXT NOT NULL CHECK ("hash" ~ '^[0-9a-f]{64}$')
);
ALTER SEQUENCE "audit_events_id_seq" OWNED BY "audit_events"."id";
CREATE UNIQUE INDEX "audit_events_hash_key" ON "audit_events"("hash");
CREATE INDEX "audit_events_at_idx" ON "audit_events"("at" DESC);
CREATE INDEX "audit_events_target_slug_at_idx" ON "audit_events"("target_slug", "at" DESC);
CREATE INDEX "audit_events_actor_label_at_idx" ON "audit_events"("actor_label", "at" DESC);

-- Append-only in the database itself: no UPDATE, DELETE or TRUNCATE, whoever asks. (An owner can
-- still disable the trigger; the hash chain makes such an edit detectable: npm run audit:verify.)
CREATE FUNCTION headroom_audit_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'restrict_violation', HINT = 'Audit rows are never changed or removed.';
END;
$$;
CREATE TRIGGER "audit_events_append_only"
    BEFORE UPDATE OR DELETE ON "audit_events"
    FOR EACH ROW EXECUTE FUNCTION headroom_audit_reject_change();
CREATE TRIGGER "audit_events_no_truncate"
    BEFORE TRUNCATE ON "audit_events"
    FOR EACH STATEMENT EXECUTE FUNCTION headroom_audit_reject_change();

-- Each new row must follow the newest one: its prev_hash is that row's hash and its id is larger.
-- The chain lock (the same advisory lock the appender takes) keeps appends linear.
CREATE FUNCTION headroom_audit_check_link() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    last_id BIGINT;
    last_hash TEXT;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('headroom_audit_chain'));
    SELECT "id", "hash" INTO last_id, last_hash FROM "audit_events" ORDER BY "id" DESC LIMIT 1;
    IF last_id IS NULL THEN
        IF NEW."prev_hash" <> repeat('0', 64) THEN
            RAISE EXCEPTION 'audit chain: the first row must have prev_hash 000…0';
        END IF;
    ELSIF NEW."prev_hash" <> last_hash OR NEW."id" <= last_id THEN
        RAISE EXCEPTION 'audit chain: row % does not follow row % (its prev_hash must be %)', NEW."id", last_id, last_hash;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER "audit_events_chain_link"
    BEFORE INSERT ON "audit_events"
    FOR EACH ROW EXECUTE FUNCTION headroom_audit_check_link();
