// Tells "the database is not there right now" apart from every other failure, so that callers
// can wait for it quietly (buffer, retry, say "unavailable") instead of treating it as a bug.
// Shapes measured with Prisma 7 + adapter-pg against a killed, refusing, hanging and
// starting-up PostgreSQL (tests/integration/db/database-unavailable.test.ts).

// Prisma: can't reach / timed out / server closed the connection / no connection for a transaction.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1017", "P2028"]);
// adapter-pg's classification of socket failures (meta.driverAdapterError.cause.kind).
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH"]);
// SQLSTATE: 08xxx connection exceptions; 57P01-57P03 admin/crash shutdown, cannot connect now.
const SQLSTATE = /^(08...|57P0[123])$/;
// node-postgres raises plain Errors when a socket dies under it or a connect times out.
const PG_MESSAGES = /^(Connection terminated unexpectedly|Connection terminated due to connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error)/;

type Shape = { code?: unknown; message?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown; code?: unknown } } } };

// Causes are not followed: a target that refuses a scrape (a fetch error caused by ECONNREFUSED)
// is not the database going away.
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as Shape;
  const code = typeof e.code === "string" ? e.code : "";
  if (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || SQLSTATE.test(code)) return true;
  const adapter = e.meta?.driverAdapterError?.cause;
  if (adapter && (ADAPTER_KINDS.has(String(adapter.kind)) || SQLSTATE.test(String(adapter.code ?? "")))) return true;
  return typeof e.message === "string" && PG_MESSAGES.test(e.message);
}
