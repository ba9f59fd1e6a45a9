import { describe, expect, it } from "vitest";
import { lockSecondsAfter } from "@/lib/limits/lockout";
import { ACCOUNT_POLICY, ADDRESS_POLICY } from "@/lib/limits/sign-in-limits";
import { INGEST_ADDRESS_POLICY } from "@/lib/limits/ingest-limits";

describe("growing locks", () => {
  it("per account: five free failures, then 30 s doubling to 15 min", () => {
    expect([1, 5, 6, 7, 8, 9, 10, 11, 12, 500].map((n) => lockSecondsAfter(ACCOUNT_POLICY, n))).toEqual([0, 0, 30, 60, 120, 240, 480, 900, 900, 900]);
  });

  it("per address: thirty free failures, then 1 min doubling to 30 min", () => {
    expect([30, 31, 32, 35, 36, 10_000].map((n) => lockSecondsAfter(ADDRESS_POLICY, n))).toEqual([0, 60, 120, 960, 1800, 1800]);
  });

  it("bad ingest tokens: twenty free, then 30 s doubling to 15 min", () => {
    expect([20, 21, 22, 26, 27].map((n) => lockSecondsAfter(INGEST_ADDRESS_POLICY, n))).toEqual([0, 30, 60, 900, 900]);
  });
});
