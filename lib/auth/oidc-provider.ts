import "server-only";
import type { OAuthConfig } from "next-auth/providers/oauth";
import type { OidcConfig } from "@/lib/env";
import { roleFromClaim } from "@/lib/auth/oidc-role";
import type { Role } from "@/lib/generated/prisma/enums";

type OidcProfile = Record<string, unknown> & { sub: string; email?: string; name?: string };

/**
 * next-auth's generic OpenID Connect provider: discovery from the issuer, code flow with PKCE
 * and state, the ID token verified. Claims are the ID token's merged with userinfo's, since
 * many providers put email and groups only in userinfo.
 */
export function oidcProvider(config: OidcConfig): OAuthConfig<OidcProfile> {
  return {
    id: "oidc",
    name: config.name,
    type: "oauth",
    wellKnown: `${config.issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    checks: ["pkce", "state"],
    idToken: true,
    userinfo: {
      async request({ client, tokens }) {
        const set = tokens as { claims(): OidcProfile; access_token?: string };
        const fromIdToken = set.claims();
        const fromUserinfo = set.access_token ? await client.userinfo(set.access_token).catch(() => ({})) : {};
        return { ...fromIdToken, ...fromUserinfo, sub: fromIdToken.sub } as OidcProfile;
      },
    },
    profile(profile) {
      const role: Role = roleFromClaim(profile[config.roleClaim]);
      return { id: profile.sub, email: profile.email ?? "", name: profile.name ?? profile.email ?? profile.sub, role };
    },
  };
}
