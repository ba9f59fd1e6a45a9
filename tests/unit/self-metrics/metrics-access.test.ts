import { describe, expect, it } from "vitest";
import { isLoopback, mayReadMetrics } from "@/lib/self-metrics/metrics-access";

describe("who may read Headroom's metrics", () => {
  it("recognises loopback addresses, IPv4-mapped ones included", () => {
    expect(["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"].every(isLoopback)).toBe(true);
    expect(["10.0.0.1", "::ffff:10.0.0.1", "", null, "127.0.0.1.evil", "fe80::1"].some((a) => isLoopback(a))).toBe(false);
  });

  it("lets loopback in without a token, others only with the configured one", () => {
    const token = "0123456789abcdef0123";
    expect(mayReadMetrics({ clientAddress: "127.0.0.1", authorization: null, token: undefined })).toBe(true);
    expect(mayReadMetrics({ clientAddress: "10.1.2.3", authorization: null, token: undefined })).toBe(false);
    expect(mayReadMetrics({ clientAddress: "10.1.2.3", authorization: `Bearer ${token}`, token: undefined })).toBe(false);
    expect(mayReadMetrics({ clientAddress: "10.1.2.3", authorization: `Bearer ${token}`, token })).toBe(true);
    expect(mayReadMetrics({ clientAddress: "10.1.2.3", authorization: `Bearer ${token}x`, token })).toBe(false);
    expect(mayReadMetrics({ clientAddress: "10.1.2.3", authorization: token, token })).toBe(false);
  });
});
