-- The on-call loop (docs/decisions/0019-incident-states.md). `status` keeps meaning what the
-- alert evaluator and its unique index rely on (open until resolved); the finer state people see
-- (open, acknowledged, mitigated, resolved, reviewed) follows from these timestamps, and every
-- change of them is also an incident_events row with who and when, for the review.

ALTER TABLE "incidents"
    ADD COLUMN "acknowledged_at" TIMESTAMPTZ(3),
    ADD COLUMN "acknowledged_by_id" INTEGER,
    ADD COLUMN "acknowledged_by_label" TEXT,
    ADD COLUMN "mitigated_at" TIMESTAMPTZ(3),
    ADD COLUMN "lead_id" INTEGER,
    ADD COLUMN "lead_label" TEXT,
    ADD COLUMN "reviewed_at" TIMESTAMPTZ(3),
    ADD CONSTRAINT "incidents_acknowledged_consistent" CHECK (("acknowledged_at" IS NULL) = ("acknowledged_by_label" IS NULL)),
    ADD CONSTRAINT "incidents_lead_consistent" CHECK (("lead_id" IS NULL) = ("lead_label" IS NULL)),
    ADD CONSTRAINT "incidents_reviewed_after_resolved" CHECK ("reviewed_at" IS NULL OR "status" = 'resolved');
