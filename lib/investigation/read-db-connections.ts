import "server-only";
import pg from "pg";
import { describeError } from "@/lib/errors";

export type DbConnections =
  | { ok: true; checkedAt: string; byState: { state: string; count: number }[]; total: number; maxConnections: number }
  | { ok: false; checkedAt: string; error: string };

// The runbook's query, as it runs it with psql.
export const CONNECTIONS_BY_STATE_SQL = "SELECT count(*), state FROM pg_stat_activity GROUP BY state;";

/**
 * The runbook's "Check connection count" against the target's own PostgreSQL: a short-lived,
 * read-only session with tight timeouts, so a sick database cannot stall the console.
 */
export async function readDbConnections(options: { url: string; timeoutMs?: number }): Promise<DbConnections> {
  const timeoutMs = options.timeoutMs ?? 3_000;
  const checkedAt = new Date().toISOString();
  const client = new pg.Client({
    connectionString: options.url,
    connectionTimeoutMillis: timeoutMs,
    statement_timeout: timeoutMs,
    query_timeout: timeoutMs,
    application_name: "headroom-diagnostics",
    options: "-c default_transaction_read_only=on",
  });
  try {
    await client.connect();
    const rows = await client.query<{ count: string; state: string | null }>(CONNECTIONS_BY_STATE_SQL);
    const max = await client.query<{ max_connections: string }>("SHOW max_connections");
    const byState = rows.rows
      .map((r) => ({ state: r.state ?? "background (no state)", count: Number(r.count) }))
      .sort((a, b) => b.count - a.count);
    return { ok: true, checkedAt, byState, total: byState.reduce((sum, r) => sum + r.count, 0), maxConnections: Number(max.rows[0].max_connections) };
  } catch (error) {
    return { ok: false, checkedAt, error: describeError(error) };
  } finally {
    await client.end().catch(() => {});
  }
}
