-- How far the audit chain has been verified, so that the audit page re-checks only the rows
-- appended since (lib/audit/verify-audit-chain-incrementally.ts) instead of the whole chain on
-- every load. One row. `mac` covers every other column, keyed with HEADROOM_AUDIT_KEY like the
-- chain itself: whoever can write this table without the key cannot mark unverified rows as
-- verified; a row whose mac does not check out is ignored (the next reader walks the chain).
CREATE TABLE "audit_chain_verification" (
    "id"               SMALLINT PRIMARY KEY DEFAULT 1 CHECK ("id" = 1),
    -- The newest row verified, with its hash and algorithm, and how many rows up to it verify.
    "head_id"          BIGINT,
    "head_hash"        TEXT,
    "head_keyed"       BOOLEAN NOT NULL DEFAULT false,
    "head_checked"     BIGINT NOT NULL DEFAULT 0,
    "verified_at"      TIMESTAMPTZ(3),
    -- The worker's scheduled full verification, done a slice per tick: where it has got to.
    "sweep_id"         BIGINT,
    "sweep_hash"       TEXT,
    "sweep_keyed"      BOOLEAN NOT NULL DEFAULT false,
    "sweep_checked"    BIGINT NOT NULL DEFAULT 0,
    "sweep_started_at" TIMESTAMPTZ(3),
    -- When the last complete walk from the first row started (npm run audit:verify, or a sweep).
    "full_verified_at" TIMESTAMPTZ(3),
    -- The first bad row found ({ id, at, reason, checked, foundAt }); stays until npm run audit:verify passes.
    "broken"           JSONB,
    "mac"              TEXT NOT NULL
);
