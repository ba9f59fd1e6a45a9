import { describe, expect, it } from "vitest";
import { chooseChartSource, chooseSource } from "@/lib/metrics/choose-source";

const NOW = new Date(Date.UTC(2026, 11, 1, 12, 0));
const ago = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);
const chart = (hours: number, maxPoints: number, totalMemory = true) => chooseChartSource({ from: ago(hours), to: NOW, now: NOW, maxPoints, totalMemory });

describe("chooseSource", () => {
  it("reads raw samples up to a day within raw retention, rollups beyond either", () => {
    expect(chooseSource({ from: ago(24), to: NOW, now: NOW })).toBe("raw");
    expect(chooseSource({ from: ago(25), to: NOW, now: NOW })).toBe("rollup");
    expect(chooseSource({ from: ago(20 * 24), to: ago(20 * 24 - 1), now: NOW })).toBe("rollup");
  });
});

describe("chooseChartSource", () => {
  it("reads minute maxima of total memory where raw would be read and points are a minute or more apart", () => {
    expect(chart(24, 600)).toBe("rollup_1m"); // 144 s per point
    expect(chart(10, 600)).toBe("rollup_1m"); // exactly 60 s
    expect(chart(9.9, 600)).toBe("raw");
    expect(chart(1, 600)).toBe("raw");
    expect(chart(3, 60)).toBe("rollup_1m");
  });

  it("keeps raw samples for other series, and 5-minute rollups where raw would not be read", () => {
    expect(chart(24, 600, false)).toBe("raw");
    expect(chart(48, 600)).toBe("rollup");
    expect(chart(24 * 30, 600, false)).toBe("rollup");
  });
});
