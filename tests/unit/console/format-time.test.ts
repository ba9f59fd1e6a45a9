import { describe, expect, it } from "vitest";
import { formatAge, formatTick, formatTime, timeZoneOffsetMs } from "@/lib/format";
import { renderTimeZone } from "@/lib/time-zone";

const t = Date.UTC(2026, 11, 1, 14, 5, 9);

describe("time formatting", () => {
  it("depends on the zone it is given, never on the runtime's locale or zone", () => {
    expect(formatTime(t, true, "UTC")).toBe("Dec 1, 14:05");
    expect(formatTime(t, false, "UTC")).toBe("14:05:09");
    expect(formatTime(t, true, "Pacific/Auckland")).toBe("Dec 2, 03:05");
    expect(formatTick(t, false, "America/New_York")).toBe("09:05");
  });

  it("measures ages from the now it is given", () => {
    expect(formatAge(new Date(t - 12_000).toISOString(), t)).toBe("12 s ago");
    expect(formatAge(null, t)).toBe("never");
  });

  it("knows a zone's offset", () => {
    expect(timeZoneOffsetMs(t, "UTC")).toBe(0);
    expect(timeZoneOffsetMs(t, "Asia/Kolkata")).toBe(5.5 * 3_600_000);
  });

  it("renders in the cookie's zone only when it is a real one", () => {
    expect(renderTimeZone("Europe/Berlin")).toBe("Europe/Berlin");
    expect(renderTimeZone("Mars/Olympus_Mons")).toBe("UTC");
    expect(renderTimeZone(undefined)).toBe("UTC");
  });
});
