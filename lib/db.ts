import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import { requireDatabaseUrl } from "@/lib/env";

// The one database client. Created on first use (never at import: `next build` loads route
// modules without a database) and kept on globalThis so dev-mode reloads reuse the pool.
const globalForDb = globalThis as unknown as { headroomDb?: PrismaClient };

/** The client or an interactive transaction: functions that may run inside either take this. */
export type Db = PrismaClient | Prisma.TransactionClient;

export function createDbClient(connectionString: string): PrismaClient {
  // A database that stops answering must fail requests in seconds, not hang every page.
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 10, connectionTimeoutMillis: 5_000 }) });
}

function client(): PrismaClient {
  globalForDb.headroomDb ??= createDbClient(requireDatabaseUrl());
  return globalForDb.headroomDb;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  has(_target, property) {
    return Reflect.has(client(), property);
  },
  get(_target, property) {
    const real = client();
    const value = Reflect.get(real, property, real);
    return typeof value === "function" ? value.bind(real) : value;
  },
});
