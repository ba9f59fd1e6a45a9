import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { parseInsightsFilter } from "@/lib/insights/insights-filter";

describe("parseInsightsFilter", () => {
  it("takes one service by slug; an empty or missing value means all of them", () => {
    expect(parseInsightsFilter({ service: "freeagentics-api" })).toEqual({ service: "freeagentics-api" });
    expect(parseInsightsFilter({ service: " freeagentics-api " })).toEqual({ service: "freeagentics-api" });
    expect(parseInsightsFilter({ service: ["edge", "api"] })).toEqual({ service: "edge" });
    expect(parseInsightsFilter({ service: "" })).toEqual({});
    expect(parseInsightsFilter({})).toEqual({});
  });

  it("refuses what cannot be a slug, naming the field", () => {
    for (const bad of ["Not a slug", "-edge", "x".repeat(64), "api/../etc"]) {
      let error: unknown;
      try {
        parseInsightsFilter({ service: bad });
      } catch (e) {
        error = e;
      }
      expect(error, bad).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("INVALID_INPUT");
      expect((error as AppError).message).toMatch(/^Bad insights filter: service/);
    }
  });
});
