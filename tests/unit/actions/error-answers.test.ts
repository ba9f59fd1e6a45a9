import { afterEach, describe, expect, it, vi } from "vitest";
import { recordedParameters } from "@/lib/actions/recorded-parameters";
import { AppError, APP_ERROR_CODES } from "@/lib/errors";
import { jsonError } from "@/lib/http/json-error";
import { maskUrlPath } from "@/lib/mask-url-password";

afterEach(() => vi.restoreAllMocks());

describe("jsonError", () => {
  it("answers an AppError with its code's status, message and details", async () => {
    const response = jsonError(new AppError("PAYLOAD_TOO_LARGE", "Split the batch.", { invalidSamples: [] }));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: "PAYLOAD_TOO_LARGE", message: "Split the batch.", invalidSamples: [] });
  });

  it("answers anything else as INTERNAL without its detail, and logs the detail", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const response = jsonError(new Error('Invalid `prisma.target.findUnique()` invocation:\n\nMessage: `password authentication failed for user "headroom"`'));
    expect(response.status).toBe(500);
    const body = await response.json();
    expect(body).toEqual({ error: "INTERNAL", message: "Something went wrong on the server (it is logged)." });
    expect(JSON.stringify(log.mock.calls)).toContain("password authentication failed");
  });

  it("has a status and a refusal outcome for every code", () => {
    for (const { status, outcome } of Object.values(APP_ERROR_CODES)) {
      expect(status).toBeGreaterThanOrEqual(400);
      expect(outcome).toMatch(/^(unauthenticated|denied|invalid|not_found|conflict|expired|error)$/);
    }
  });
});

describe("what a refusal records of the input", () => {
  it("drops Next's fields, replaces secrets, masks URL passwords and redacted fields", () => {
    const recorded = recordedParameters(
      { $ACTION_ID_abc: "", slug: "api", password: "hunter2hunter2", token: "hr_x", redisUrl: "redis://:pw@cache:6379/0", url: "https://hooks.slack.com/services/T/B/secret" },
      { url: maskUrlPath },
    );
    expect(recorded).toEqual({ slug: "api", password: "(not recorded)", token: "(not recorded)", redisUrl: "redis://:****@cache:6379/0", url: "https://hooks.slack.com/****" });
  });

  it("keeps an input that is not an object as it came", () => {
    expect(recordedParameters("not even an object")).toBe("not even an object");
    expect(recordedParameters(42)).toBe(42);
  });

  it("masks a webhook URL down to scheme and host", () => {
    expect(maskUrlPath("https://hooks.slack.com/services/T0/B0/abc?x=1")).toBe("https://hooks.slack.com/****");
    expect(maskUrlPath("http://receiver.internal:8080/")).toBe("http://receiver.internal:8080/");
    expect(maskUrlPath("not a url")).toBe("(invalid URL)");
  });
});
