-- Incidents and their timelines: opened by alerting, added to by silences, notifications and
-- remediation actions; read by the incident and review pages.

CREATE TABLE "incidents" (
    "id" SERIAL PRIMARY KEY,
    "target_id" INTEGER NOT NULL REFERENCES "targets"("id") ON DELETE CASCADE,
    "title" TEXT NOT NULL,
    "severity" TEXT NOT NULL CHECK ("severity" IN ('SEV-2', 'SEV-1')),
    "status" TEXT NOT NULL DEFAULT 'open' CHECK ("status" IN ('open', 'resolved')),
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "resolved_at" TIMESTAMPTZ(3),
    CONSTRAINT "incidents_resolved_consistent" CHECK (("status" = 'resolved') = ("resolved_at" IS NOT NULL))
);
CREATE INDEX "incidents_target_id_opened_at_idx" ON "incidents"("target_id", "opened_at" DESC);
-- At most one open incident per target.
CREATE UNIQUE INDEX "incidents_one_open_per_target" ON "incidents"("target_id") WHERE "status" = 'open';

CREATE TABLE "incident_events" (
    "id" BIGSERIAL PRIMARY KEY,
    "incident_id" INTEGER NOT NULL REFERENCES "incidents"("id") ON DELETE CASCADE,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}'
);
CREATE INDEX "incident_events_incident_id_at_idx" ON "incident_events"("incident_id", "at");
