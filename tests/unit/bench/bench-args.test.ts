import { describe, expect, it } from "vitest";
import { parseBenchArgs } from "@/bench/bench-args";

describe("parseBenchArgs: the soak", () => {
  it("runs only when named: half an hour does not belong in a plain npm run bench", () => {
    const all = parseBenchArgs([]);
    expect(all.wanted("collect")).toBe(true);
    expect(all.wanted("soak")).toBe(false);
    const soak = parseBenchArgs(["soak"]);
    expect(soak.wanted("soak")).toBe(true);
    expect(soak.wanted("collect")).toBe(false);
  });

  it("lasts 30 minutes with a 5-minute warm-up unless told otherwise", () => {
    expect(parseBenchArgs(["soak"])).toMatchObject({ soakMinutes: 30, warmupMinutes: 5 });
    expect(parseBenchArgs(["soak", "--soak-minutes", "15", "--warmup-minutes", "3"])).toMatchObject({ soakMinutes: 15, warmupMinutes: 3 });
  });

  it("names the field when the warm-up leaves too little soak to measure growth", () => {
    expect(() => parseBenchArgs(["soak", "--soak-minutes", "6", "--warmup-minutes", "5"])).toThrow(/--warmup-minutes/);
    expect(() => parseBenchArgs(["soak", "--soak-minutes", "x"])).toThrow(/--soak-minutes/);
  });
});
