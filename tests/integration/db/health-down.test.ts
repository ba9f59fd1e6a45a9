import { describe, expect, it } from "vitest";

// A server that refuses connections: this file's module context never sees the real one.
process.env.DATABASE_URL = "postgresql://postgres:x@127.0.0.1:1/none";
const { checkHealth } = await import("@/lib/health/check-health");

describe("checkHealth with the database down", () => {
  it("reports degraded with the reason instead of throwing", async () => {
    const health = await checkHealth();
    expect(health).toMatchObject({ status: "degraded", database: "down" });
    expect(health.reason).toMatch(/can.t reach database server at 127.0.0.1:1/i);
  });
});
