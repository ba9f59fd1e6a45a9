import { describe, expect, it } from "vitest";
import { composeSize, proposeMemoryLimits } from "@/lib/reviews/propose-memory-limits";

describe("memory limits proposed from an incident's peak", () => {
  it("takes the peak × 1.25 and the median, each rounded up to 256 MB, in the runbook's compose form", () => {
    // Peak 3,700 MB → 4,625 → 4,864 MB; median of 1,000..3,700 → 2,000 → 2,048 MB.
    const proposal = proposeMemoryLimits({ service: "api", values: [3700, 1000, 2000, 1500, 2500] });
    expect(proposal).toMatchObject({ peakMb: 3700, medianMb: 2000, limitMb: 4864, reservationMb: 2048 });
    expect(proposal!.yaml).toBe(
      ["services:", "  api:", "    deploy:", "      resources:", "        limits:", "          memory: 4864M", "        reservations:", "          memory: 2G"].join("\n"),
    );
  });

  it("averages the two middle values of an even count, and never reserves more than the limit", () => {
    expect(proposeMemoryLimits({ service: "s", values: [100, 300] })).toMatchObject({ medianMb: 200, limitMb: 512, reservationMb: 256 });
    // A flat service: the median is the peak, rounded up the same way the limit is.
    const flat = proposeMemoryLimits({ service: "s", values: [1024, 1024, 1024] })!;
    expect(flat.limitMb).toBe(1280);
    expect(flat.reservationMb).toBeLessThanOrEqual(flat.limitMb);
    expect(flat.reservationMb).toBe(1024);
  });

  it("proposes nothing without samples, and writes whole gigabytes as G", () => {
    expect(proposeMemoryLimits({ service: "s", values: [] })).toBeNull();
    expect([composeSize(4096), composeSize(2048), composeSize(2304)]).toEqual(["4G", "2G", "2304M"]);
  });
});
