import "server-only";
import { RateLimiterPostgres } from "rate-limiter-flexible";
import { db } from "@/lib/db";

type Query = { text: string; values?: unknown[] };

/**
 * rate-limiter-flexible's PostgreSQL store speaks to a `pg` client; this one hands its
 * statements (parameterised, each a single atomic upsert) to the console's one database
 * client. Raw results carry int8 as BigInt, which the library does arithmetic on as numbers.
 */
const storeClient = {
  async query({ text, values = [] }: Query) {
    if (/^\s*DELETE\b/i.test(text)) return { rows: [], rowCount: await db.$executeRawUnsafe(text, ...values) };
    const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(text, ...values);
    const numeric = rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])));
    return { rows: numeric, rowCount: numeric.length };
  },
};

/** A limiter over the `rate_limits` table, which a migration creates (never the library). */
export function postgresLimiter(options: { keyPrefix: string; points: number; durationSeconds: number }): RateLimiterPostgres {
  return new RateLimiterPostgres({
    storeClient,
    storeType: "client",
    tableName: "rate_limits",
    tableCreated: true,
    keyPrefix: options.keyPrefix,
    points: options.points,
    duration: options.durationSeconds,
    // Expired rows are deleted every 5 minutes, by whichever process holds a limiter.
    clearExpiredByTimeout: true,
  });
}
