// A real OpenID Connect provider (npm oidc-provider) on loopback for the e2e suite: discovery,
// code flow with PKCE, signed ID tokens, userinfo. Its development login form accepts any
// password; the login typed is the account, and accounts.ts gives each its role claim.
import Provider from "oidc-provider";
import { OIDC_ACCOUNTS, OIDC_CLIENT, OIDC_EMAIL_DOMAIN } from "./accounts";

const port = Number(process.env.E2E_OIDC_PORT ?? 3111);
const issuer = `http://127.0.0.1:${port}`;
const redirectUri = process.env.E2E_OIDC_REDIRECT_URI ?? "http://localhost:3100/api/auth/callback/oidc";

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: OIDC_CLIENT.id,
      client_secret: OIDC_CLIENT.secret,
      redirect_uris: [redirectUri],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  // The role claim travels with the profile scope, and (as many providers do) only in userinfo.
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "headroom_role"] },
  async findAccount(_ctx: unknown, id: string) {
    const account = OIDC_ACCOUNTS[id as keyof typeof OIDC_ACCOUNTS];
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          email: `${id}@${OIDC_EMAIL_DOMAIN}`,
          email_verified: true,
          name: account?.name ?? id,
          ...(account?.role ? { headroom_role: account.role } : {}),
        };
      },
    };
  },
  pkce: { required: () => true },
  cookies: { keys: ["headroom-e2e-oidc-cookie-key"] },
  features: { devInteractions: { enabled: true } },
});
provider.proxy = false;

const server = provider.listen(port, "127.0.0.1", () => {
  console.log(`e2e OpenID Connect provider at ${issuer} (client ${OIDC_CLIENT.id}, redirect ${redirectUri})`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
