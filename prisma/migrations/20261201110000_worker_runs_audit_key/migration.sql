-- A keyed audit chain, and a console that runs without owning its tables
-- (docs/decisions/0011-keyed-anchored-audit-chain.md).

-- How each row's hash was made: 'hmac-sha256' with HEADROOM_AUDIT_KEY, a key the database does not
-- hold, for every row the appender writes from now on; 'sha256' for rows written before the key
-- existed, which keep verifying as they are. The verifier refuses a plain row after a keyed one.
-- Adding a column with a constant default rewrites no row and fires no row trigger.
ALTER TABLE "audit_events" ADD COLUMN "hash_alg" TEXT NOT NULL DEFAULT 'sha256'
    CONSTRAINT "audit_events_hash_alg_check" CHECK ("hash_alg" IN ('sha256', 'hmac-sha256'));

-- The web server and the worker may connect as a role that owns no table (in demo mode the
-- supervisor creates one): it cannot ALTER, disable a trigger, or create and drop partitions of
-- "metrics" itself. These two functions do exactly that much as their owner, nothing else.
ALTER FUNCTION headroom_ensure_metric_partitions(TIMESTAMPTZ, TIMESTAMPTZ) SECURITY DEFINER SET search_path = public, pg_temp;
REVOKE ALL ON FUNCTION headroom_ensure_metric_partitions(TIMESTAMPTZ, TIMESTAMPTZ) FROM PUBLIC;

CREATE FUNCTION headroom_drop_metric_partition(p_name TEXT) RETURNS BOOLEAN
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF p_name !~ '^metrics_p[0-9]{8}$' THEN
        RAISE EXCEPTION 'not a daily partition of metrics: %', p_name;
    END IF;
    IF NOT EXISTS (
        SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'metrics'::regclass AND c.relname = p_name
    ) THEN
        RETURN false;
    END IF;
    EXECUTE format('DROP TABLE %I', p_name);
    RETURN true;
END;
$$;
REVOKE ALL ON FUNCTION headroom_drop_metric_partition(TEXT) FROM PUBLIC;
