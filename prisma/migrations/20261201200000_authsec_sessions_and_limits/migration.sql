-- Sessions end when they should (docs/decisions/0010-sessions-and-sign-in-limits.md): every
-- session token carries the user's session version from when it was issued; signing out,
-- disabling, a role change or a password reset bumps it, and older tokens are refused.
ALTER TABLE "users" ADD COLUMN "session_version" INTEGER NOT NULL DEFAULT 0;

-- The store of rate-limiter-flexible's RateLimiterPostgres (sign-in and ingest-token limits),
-- created here rather than by the library at run time. Its columns are the library's own;
-- `expire` is epoch milliseconds, NULL for a key that never expires.
CREATE TABLE "rate_limits" (
    "key"    TEXT PRIMARY KEY,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT
);
CREATE INDEX "rate_limits_expire_idx" ON "rate_limits" ("expire");

-- Failed attempts summarised for the audit trail: the first failure of a window is audited
-- on its own, the rest are counted here and audited as one row when the window closes or the
-- account next signs in, so repeated failures cannot grow the audit trail at will.
CREATE TABLE "failed_attempt_windows" (
    "kind"       TEXT NOT NULL,
    -- The account tried (lowercased email), '*' for attempts refused whatever the account, '' for none.
    "subject"    TEXT NOT NULL,
    -- The client address, '' when unknown.
    "ip"         TEXT NOT NULL,
    "first_at"   TIMESTAMPTZ(3) NOT NULL,
    "last_at"    TIMESTAMPTZ(3) NOT NULL,
    "closes_at"  TIMESTAMPTZ(3) NOT NULL,
    -- Failures after the first, not audited one by one.
    "unrecorded" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    PRIMARY KEY ("kind", "subject", "ip"),
    CONSTRAINT "failed_attempt_windows_kind_check" CHECK ("kind" IN ('sign-in', 'ingest-token')),
    CONSTRAINT "failed_attempt_windows_unrecorded_check" CHECK ("unrecorded" >= 0)
);
CREATE INDEX "failed_attempt_windows_closes_at_idx" ON "failed_attempt_windows" ("closes_at");
