import { defineConfig } from "prisma/config";

// Read leniently: `prisma generate` runs at install time, before any database exists,
// and `env("DATABASE_URL")` would throw there.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/headroom" },
});
