import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { requireDatabaseUrl } from "@/lib/env";

// The one database client. Created on first use (never at import: `next build` loads route
// modules without a database) and kept on globalThis so dev-mode reloads reuse the pool.
const globalForDb = globalThis as unknown as { headroomDb?: PrismaClient };

export function createDbClient(connectionString: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 10 }) });
}

function client(): PrismaClient {
  globalForDb.headroomDb ??= createDbClient(requireDatabaseUrl());
  return globalForDb.headroomDb;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const real = client();
    const value = Reflect.get(real, property, real);
    return typeof value === "function" ? value.bind(real) : value;
  },
});
