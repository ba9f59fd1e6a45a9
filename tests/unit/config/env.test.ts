import { describe, expect, it } from "vitest";
import { ConfigError, isDemoMode, parseEnv } from "@/lib/env";

describe("parseEnv", () => {
  it("applies defaults when nothing is configured, which is demo mode", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, TARGET_PORT: 8000, HEADROOM_DATA_DIR: ".data" });
    expect(isDemoMode(env)).toBe(true);
  });

  it("is not demo mode with a DATABASE_URL unless HEADROOM_DEMO says so", () => {
    expect(isDemoMode(parseEnv({ DATABASE_URL: "postgresql://u:p@db:5432/h" }))).toBe(false);
    expect(isDemoMode(parseEnv({ DATABASE_URL: "postgresql://u:p@db:5432/h", HEADROOM_DEMO: "1" }))).toBe(true);
  });

  it.each([
    [{ PORT: "http" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ NEXTAUTH_SECRET: "short" }, "NEXTAUTH_SECRET"],
    [{ DEMO_PASSWORD: "123" }, "DEMO_PASSWORD"],
    [{ HEADROOM_DEMO: "yes" }, "HEADROOM_DEMO"],
    [{ HEADROOM_AUDIT_KEY: "too-short-for-a-key" }, "HEADROOM_AUDIT_KEY"],
    [{ AUDIT_ANCHOR_INTERVAL_SECONDS: "1" }, "AUDIT_ANCHOR_INTERVAL_SECONDS"],
  ])("rejects %o with a message naming %s", (input, variable) => {
    expect(() => parseEnv(input)).toThrow(ConfigError);
    expect(() => parseEnv(input)).toThrow(new RegExp(`^Invalid configuration:\\n  ${variable}:`));
  });

  it("treats empty strings as unset", () => {
    const env = parseEnv({ DATABASE_URL: "", PORT: "" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PORT).toBe(3000);
  });
});

describe("alerting settings", () => {
  it("default to the runbook's cadence and take overrides", () => {
    expect(parseEnv({})).toMatchObject({ ALERT_EVALUATION_INTERVAL_SECONDS: 15, INCIDENT_RESOLVE_GRACE_SECONDS: 300 });
    expect(parseEnv({}).ALERT_FOR_SECONDS).toBeUndefined();
    expect(parseEnv({ ALERT_FOR_SECONDS: "20", ALERT_EVALUATION_INTERVAL_SECONDS: "2" })).toMatchObject({ ALERT_FOR_SECONDS: 20, ALERT_EVALUATION_INTERVAL_SECONDS: 2 });
  });

  it.each([
    [{ ALERT_EVALUATION_INTERVAL_SECONDS: "0" }, "ALERT_EVALUATION_INTERVAL_SECONDS"],
    [{ ALERT_FOR_SECONDS: "-1" }, "ALERT_FOR_SECONDS"],
    [{ NOTIFICATION_MAX_ATTEMPTS: "many" }, "NOTIFICATION_MAX_ATTEMPTS"],
  ])("rejects %o naming %s", (input, variable) => {
    expect(() => parseEnv(input)).toThrow(new RegExp(`^Invalid configuration:\\n  ${variable}:`));
  });
});
