import { describe, expect, it } from "vitest";
import { groupChartMarkers } from "@/lib/console/group-chart-markers";
import { planChartAxis } from "@/lib/console/plan-chart-axis";
import { timeTicks } from "@/lib/console/time-ticks";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe("groupChartMarkers", () => {
  it("draws markers within the window as one with a count, the list and the most alarming tone", () => {
    const groups = groupChartMarkers({
      withinMs: 60_000,
      markers: [
        { t: 1_000, label: "Clear expired cache entries ✓", tone: "ok" },
        { t: 200_000, label: "Rolling restart ✓", tone: "ok" },
        { t: 20_000, label: "Force garbage collection ✕", tone: "crit" },
        { t: 50_000, label: "Reduce agent pool ✓", tone: "ok" },
      ],
    });
    expect(groups).toEqual([
      { t: 1_000, label: "3 actions", tone: "crit", count: 3, labels: ["Clear expired cache entries ✓", "Force garbage collection ✕", "Reduce agent pool ✓"] },
      { t: 200_000, label: "Rolling restart ✓", tone: "ok", count: 1, labels: ["Rolling restart ✓"] },
    ]);
  });

  it("measures the window from a group's first marker, so a steady stream does not chain into one group", () => {
    const markers = [0, 40, 80, 120].map((s) => ({ t: s * 1000, label: `at ${s}`, tone: "info" as const }));
    expect(groupChartMarkers({ markers, withinMs: 60_000 }).map((g) => g.count)).toEqual([2, 2]);
  });
});

describe("planChartAxis", () => {
  const now = 100 * DAY;

  it("starts at the first sample when the history is shorter than the range, and projects a third of it", () => {
    expect(planChartAxis({ rangeMs: 30 * DAY, now, firstPointAt: now - DAY })).toEqual({ from: now - DAY, horizonMs: DAY / 3 });
  });

  it("keeps the range when the data covers it, as before (a third of the range)", () => {
    expect(planChartAxis({ rangeMs: HOUR, now, firstPointAt: now - HOUR + 5_000 })).toEqual({ from: now - HOUR + 5_000, horizonMs: (HOUR - 5_000) / 3 });
    expect(planChartAxis({ rangeMs: HOUR, now, firstPointAt: now - 2 * HOUR })).toEqual({ from: now - HOUR, horizonMs: HOUR / 3 });
  });

  it("falls back to the range without data", () => {
    expect(planChartAxis({ rangeMs: 7 * DAY, now, firstPointAt: null })).toEqual({ from: now - 7 * DAY, horizonMs: (7 * DAY) / 3 });
  });
});

describe("timeTicks", () => {
  it("picks round steps that fit, aligned in the viewer's zone", () => {
    const from = Date.UTC(2026, 11, 1, 10, 7);
    expect(timeTicks({ from, to: from + HOUR, maxTicks: 8, timeZone: "UTC" }).map((t) => new Date(t).toISOString().slice(11, 16))).toEqual([
      "10:10", "10:20", "10:30", "10:40", "10:50", "11:00",
    ]);
    // Kolkata is UTC+5:30: its whole hours fall on UTC half hours.
    const ticks = timeTicks({ from, to: from + 6 * HOUR, maxTicks: 8, timeZone: "Asia/Kolkata" });
    expect(ticks.map((t) => new Date(t).toISOString().slice(11, 16))).toEqual(["10:30", "11:30", "12:30", "13:30", "14:30", "15:30"]);
  });

  it("puts day ticks on the viewer's midnight", () => {
    const from = Date.UTC(2026, 10, 1);
    const ticks = timeTicks({ from, to: from + 5 * DAY, maxTicks: 8, timeZone: "Europe/Berlin" });
    expect(ticks).toHaveLength(5);
    expect(ticks.every((t) => new Date(t).getUTCHours() === 23)).toBe(true);
  });

  it("gives nothing for an empty span", () => {
    expect(timeTicks({ from: 5, to: 5, maxTicks: 8, timeZone: "UTC" })).toEqual([]);
  });
});
