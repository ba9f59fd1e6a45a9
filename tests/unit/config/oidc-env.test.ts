import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "@/lib/env";

describe("OIDC and remediation configuration", () => {
  it("is off by default, with the remediation defaults", () => {
    const env = parseEnv({});
    expect(env.OIDC_ISSUER).toBeUndefined();
    expect(env).toMatchObject({ OIDC_ROLE_CLAIM: "headroom_role", REMEDIATION_APPROVAL_TTL_SECONDS: 900, REMEDIATION_TIMEOUT_MS: 10_000 });
  });

  it("takes issuer, client id and secret together", () => {
    expect(parseEnv({ OIDC_ISSUER: "https://idp.example", OIDC_CLIENT_ID: "headroom", OIDC_CLIENT_SECRET: "s" })).toMatchObject({ OIDC_ISSUER: "https://idp.example" });
    expect(() => parseEnv({ OIDC_ISSUER: "https://idp.example", OIDC_CLIENT_ID: "headroom" })).toThrow(ConfigError);
    expect(() => parseEnv({ OIDC_CLIENT_SECRET: "s" })).toThrow(/OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together/);
    expect(() => parseEnv({ OIDC_ISSUER: "not a url", OIDC_CLIENT_ID: "a", OIDC_CLIENT_SECRET: "b" })).toThrow(/OIDC_ISSUER/);
  });

  it("refuses a nonsense approval window", () => {
    expect(() => parseEnv({ REMEDIATION_APPROVAL_TTL_SECONDS: "5" })).toThrow(/REMEDIATION_APPROVAL_TTL_SECONDS/);
  });
});
