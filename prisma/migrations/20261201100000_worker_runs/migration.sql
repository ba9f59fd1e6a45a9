-- Remediations run in the worker, not in the web request (docs/decisions/0012-remediations-run-in-the-worker.md).
-- A server action records the request (state requested) or the approval (approved) and returns;
-- a worker claims the row with FOR UPDATE SKIP LOCKED, moves it to running and holds a lease on it
-- (claimed_by + heartbeat_at) while it runs. A lease that stops being renewed belongs to a worker
-- that died: its run is resumed when its outbound call had not started (call_started_at IS NULL),
-- and failed with the reason otherwise.
ALTER TABLE "remediation_actions"
    ADD COLUMN "claimed_by" TEXT,
    ADD COLUMN "heartbeat_at" TIMESTAMPTZ(3),
    ADD COLUMN "call_started_at" TIMESTAMPTZ(3),
    -- The approver's role when approved: the run is audited as theirs.
    ADD COLUMN "decided_by_role" TEXT,
    -- The request (or approval) that made the action runnable: ip, user agent, request id, for
    -- the audit rows the worker writes about it.
    ADD COLUMN "run_meta" JSONB,
    ADD CONSTRAINT "remediation_actions_lease_complete" CHECK (("claimed_by" IS NULL) = ("heartbeat_at" IS NULL));

-- What the workers poll every tick: actions waiting to be run, oldest first.
CREATE INDEX "remediation_actions_runnable_idx" ON "remediation_actions"("id") WHERE "state" IN ('requested', 'approved');
-- Running actions, for the lease sweep.
CREATE INDEX "remediation_actions_running_idx" ON "remediation_actions"("heartbeat_at") WHERE "state" = 'running';
