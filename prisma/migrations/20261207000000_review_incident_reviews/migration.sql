-- Post-incident reviews (issue 14; docs/decisions/0021-incident-reviews.md). One review per
-- incident, drafted by responders and published by a lead. Once published its text is the record:
-- the trigger below refuses any change to it, and what is learnt later is an amendment row.

CREATE TABLE "incident_reviews" (
    "id" SERIAL PRIMARY KEY,
    "incident_id" INTEGER NOT NULL UNIQUE REFERENCES "incidents"("id") ON DELETE CASCADE,
    -- The runbook's common causes (lib/reviews/root-causes.ts), or other.
    "root_cause" TEXT CHECK ("root_cause" IN ('agent_memory_leak', 'large_belief_states', 'db_connection_pool', 'redis_memory_bloat', 'other')),
    "summary" TEXT NOT NULL DEFAULT '',
    -- [{item, owner, state: open|done|wont_do, link}]
    "follow_ups" JSONB NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'draft' CHECK ("status" IN ('draft', 'published')),
    "drafted_by_label" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "published_by_id" INTEGER,
    "published_by_label" TEXT,
    "published_at" TIMESTAMPTZ(3),
    CONSTRAINT "incident_reviews_published_consistent" CHECK (("status" = 'published') = ("published_at" IS NOT NULL AND "published_by_label" IS NOT NULL)),
    CONSTRAINT "incident_reviews_published_has_cause" CHECK ("status" = 'draft' OR "root_cause" IS NOT NULL)
);

CREATE TABLE "incident_review_amendments" (
    "id" SERIAL PRIMARY KEY,
    "review_id" INTEGER NOT NULL REFERENCES "incident_reviews"("id") ON DELETE CASCADE,
    "text" TEXT NOT NULL CHECK (length("text") > 0),
    "by_id" INTEGER,
    "by_label" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL
);
CREATE INDEX "incident_review_amendments_review_id_idx" ON "incident_review_amendments"("review_id", "at");

CREATE FUNCTION headroom_review_keep_published() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD."status" = 'published' THEN
        RAISE EXCEPTION 'incident review % is published: amend it instead', OLD."id"
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER "incident_reviews_keep_published"
    BEFORE UPDATE ON "incident_reviews"
    FOR EACH ROW EXECUTE FUNCTION headroom_review_keep_published();
