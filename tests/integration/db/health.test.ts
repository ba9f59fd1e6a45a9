import { describe, expect, it } from "vitest";
import { checkHealth } from "@/lib/health/check-health";

describe("checkHealth", () => {
  it("reports ok with the database up", async () => {
    await expect(checkHealth()).resolves.toMatchObject({ status: "ok", database: "ok" });
  });
});
