-- The runbook's auto-remediation script as a per-target policy run by the worker
-- (docs/decisions/0008-auto-remediation-policy.md). Off until someone turns it on.
CREATE TABLE "auto_remediation_policies" (
    "target_id"            INTEGER PRIMARY KEY REFERENCES "targets"("id") ON DELETE CASCADE,
    "enabled"              BOOLEAN NOT NULL DEFAULT false,
    "threshold"            DOUBLE PRECISION NOT NULL DEFAULT 0.90,
    "recheck_seconds"      INTEGER NOT NULL DEFAULT 10,
    "cooldown_seconds"     INTEGER NOT NULL DEFAULT 1800,
    "escalate_to"          TEXT NOT NULL DEFAULT 'rolling-restart',
    -- The current (or last) run: when its cleanup was started, where it stands, what it asked for.
    "last_run_at"          TIMESTAMPTZ(3),
    "run_state"            TEXT,
    "cleanup_action_id"    INTEGER REFERENCES "remediation_actions"("id") ON DELETE SET NULL,
    "escalation_action_id" INTEGER REFERENCES "remediation_actions"("id") ON DELETE SET NULL,
    -- A short lease: one worker evaluates and acts for a target at a time.
    "claimed_by"           TEXT,
    "claimed_until"        TIMESTAMPTZ(3),
    "updated_at"           TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    CONSTRAINT "auto_remediation_policies_threshold_check" CHECK ("threshold" > 0 AND "threshold" <= 1),
    CONSTRAINT "auto_remediation_policies_recheck_check" CHECK ("recheck_seconds" BETWEEN 1 AND 600),
    CONSTRAINT "auto_remediation_policies_cooldown_check" CHECK ("cooldown_seconds" BETWEEN 60 AND 86400),
    CONSTRAINT "auto_remediation_policies_escalate_to_check" CHECK ("escalate_to" IN ('rolling-restart', 'none')),
    CONSTRAINT "auto_remediation_policies_run_state_check"
        CHECK ("run_state" IS NULL OR "run_state" IN ('rechecking', 'recovered', 'escalated', 'not_escalated', 'failed')),
    CONSTRAINT "auto_remediation_policies_run_complete" CHECK (("last_run_at" IS NULL) = ("run_state" IS NULL))
);

CREATE INDEX "auto_remediation_policies_enabled_idx" ON "auto_remediation_policies" ("target_id") WHERE "enabled";
