import { describe, expect, it } from "vitest";
import { createLocalSchedule } from "@/lib/collector/local-schedule";
import type { ClaimedTarget } from "@/lib/collector/claim-due-targets";

const target = (id: number, nextScrapeAt: number, interval = 5): ClaimedTarget => ({
  id,
  slug: `t${id}`,
  baseUrl: "http://127.0.0.1:9",
  scrapeIntervalSeconds: interval,
  nextScrapeAt: new Date(nextScrapeAt),
  lastSampleAt: null,
  kind: "runbook-api",
  preset: null,
  usedMetric: null,
  limitMetric: null,
  matchLabels: {},
});
const ids = (targets: ClaimedTarget[]) => targets.map((t) => t.id);

describe("local schedule (the worker's claims while the database is down)", () => {
  it("scrapes held targets on the slots the database gave them, one slot at a time", () => {
    const schedule = createLocalSchedule();
    schedule.hold([target(1, 5_000), target(2, 7_000)], 0);
    const outage = 1_000;
    expect(ids(schedule.due(4_900, outage))).toEqual([]);
    expect(ids(schedule.due(5_000, outage))).toEqual([1]);
    expect(ids(schedule.due(5_500, outage))).toEqual([]);
    expect(ids(schedule.due(7_100, outage))).toEqual([2]);
    expect(ids(schedule.due(10_000, outage))).toEqual([1]);
    expect(schedule.slotsSince(outage)).toEqual([
      { id: 1, nextScrapeAt: new Date(15_000) },
      { id: 2, nextScrapeAt: new Date(12_000) },
    ]);
  });

  it("after missed slots (a stalled tick) starts one interval from now, as the claim query does", () => {
    const schedule = createLocalSchedule();
    schedule.hold([target(1, 5_000)], 0);
    expect(ids(schedule.due(21_000, 1_000))).toEqual([1]);
    expect(schedule.slotsSince(1_000)).toEqual([{ id: 1, nextScrapeAt: new Date(26_000) }]);
  });

  it("leaves alone a target it last claimed long before the outage (another worker has it now)", () => {
    const schedule = createLocalSchedule();
    schedule.hold([target(1, 5_000)], 0);
    schedule.hold([target(2, 65_000)], 60_000);
    expect(schedule.held(62_000)).toBe(1);
    expect(ids(schedule.due(70_000, 62_000))).toEqual([2]);
  });

  it("hands back only the slots it moved, and a new claim supersedes them", () => {
    const schedule = createLocalSchedule();
    schedule.hold([target(1, 5_000), target(2, 9_000)], 0);
    schedule.due(5_000, 1_000);
    expect(schedule.slotsSince(1_000).map((s) => s.id)).toEqual([1]);
    schedule.hold([target(1, 20_000)], 15_000);
    expect(schedule.slotsSince(16_000)).toEqual([]);
  });
});
