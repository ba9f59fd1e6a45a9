-- A requester may withdraw their own request while it waits for a second person: a new final
-- state, "withdrawn", decided by the requester. The old check refused any decision by the
-- requester, so a lead turning down their own request failed inside the database; only an
-- approval (and whatever follows it) by the requester stays impossible.
ALTER TABLE "remediation_actions" DROP CONSTRAINT "remediation_actions_state_check";
ALTER TABLE "remediation_actions" ADD CONSTRAINT "remediation_actions_state_check" CHECK ("state" IN (
    'requested', 'awaiting_approval', 'approved', 'rejected', 'withdrawn', 'expired', 'running', 'succeeded', 'failed', 'timed_out'));

ALTER TABLE "remediation_actions" DROP CONSTRAINT "remediation_actions_no_self_approval";
ALTER TABLE "remediation_actions" ADD CONSTRAINT "remediation_actions_no_self_approval" CHECK (
    "decided_by_id" IS NULL OR "requested_by_id" IS NULL
    OR ("state" = 'withdrawn') = ("decided_by_id" = "requested_by_id"));
