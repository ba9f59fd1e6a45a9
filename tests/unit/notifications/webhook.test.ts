import { describe, expect, it } from "vitest";
import { buildWebhookPayload } from "@/lib/notifications/build-webhook-payload";
import { computeBackoff, parseRetryAfter } from "@/lib/notifications/compute-backoff";

describe("computeBackoff", () => {
  it("doubles from the base and caps, honouring a longer Retry-After", () => {
    expect([1, 2, 3, 4].map((attempts) => computeBackoff({ attempts, baseMs: 10_000 }))).toEqual([10_000, 20_000, 40_000, 80_000]);
    expect(computeBackoff({ attempts: 20, baseMs: 10_000 })).toBe(15 * 60_000);
    expect(computeBackoff({ attempts: 1, baseMs: 10_000, retryAfterMs: 45_000 })).toBe(45_000);
    expect(parseRetryAfter("30", 0)).toBe(30_000);
    expect(parseRetryAfter(new Date(90_000).toUTCString(), 30_000)).toBe(60_000);
    expect(parseRetryAfter("soon", 0)).toBeNull();
  });
});

describe("buildWebhookPayload", () => {
  it("is Slack-compatible: text first, a coloured attachment, and the facts for machines", () => {
    const payload = buildWebhookPayload({
      notification: { kind: "resolved", severity: null, previousSeverity: "SEV-1", noData: false },
      target: { slug: "api", name: "API" },
      value: 0.42,
      at: Date.parse("2026-01-01T00:00:00Z"),
      incidentId: 12,
      consoleUrl: "https://headroom.example/",
    });
    expect(payload.text).toBe("[RESOLVED] HighMemoryUsage on API (was SEV-1) — memory 42.0% <https://headroom.example/incidents/12|incident #12>");
    expect(payload.attachments[0]).toMatchObject({ color: "#3fb950", title_link: "https://headroom.example/incidents/12", ts: 1767225600 });
    expect(payload.headroom).toMatchObject({ kind: "resolved", previousSeverity: "SEV-1", incidentId: 12 });
  });
});
