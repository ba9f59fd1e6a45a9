import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authorizeCredentials } from "@/lib/auth/authorize-credentials";
import { isRole } from "@/lib/auth/permissions";
import { auditFailedSignIn, auditSignIn } from "@/lib/auth/audit-sign-in";
import { oidcProvider } from "@/lib/auth/oidc-provider";
import { provisionOidcUser } from "@/lib/auth/provision-oidc-user";
import { requestMetaFrom, type RequestMeta } from "@/lib/audit/request-meta";
import { oidcConfig, publicUrlIsHttps, requireAuthSecret } from "@/lib/env";
import { safeRedirectUrl } from "@/lib/http/safe-callback-path";
import { endSessions, isSessionCurrent } from "@/lib/auth/session-version";

/** `meta`: the request being handled by the auth route, so sign-ins are audited with its address. */
export function authOptions(request: { meta?: RequestMeta } = {}): NextAuthOptions {
  const meta = request.meta ?? null;
  const oidc = oidcConfig();
  return {
    secret: requireAuthSecret(),
    // `__Secure-` cookie names and the Secure flag whenever the console is served over https.
    useSecureCookies: publicUrlIsHttps(),
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        authorize(credentials, req) {
          const headers = new Headers(Object.entries(req?.headers ?? {}).filter((e): e is [string, string] => typeof e[1] === "string"));
          return authorizeCredentials({ credentials, meta: meta ?? requestMetaFrom(headers) });
        },
      }),
      ...(oidc ? [oidcProvider(oidc)] : []),
    ],
    callbacks: {
      redirect({ url, baseUrl }) {
        return safeRedirectUrl(url, baseUrl);
      },
      async signIn({ user, account, profile }) {
        if (account?.provider !== "oidc" || !oidc) return true;
        const result = await provisionOidcUser({ issuer: oidc.issuer, claims: (profile ?? {}) as Record<string, unknown>, roleClaim: oidc.roleClaim, meta });
        if (!result.ok) {
          await auditFailedSignIn({ provider: "oidc", email: result.email, reason: result.reason, meta, outcome: "denied" });
          return false;
        }
        // The session names the Headroom user (its id), not the IdP's subject.
        user.id = String(result.user.id);
        user.role = result.user.role;
        user.email = result.user.email;
        user.name = result.user.name;
        user.sessionVersion = result.user.sessionVersion;
        return true;
      },
      jwt({ token, user }) {
        if (user && "role" in user && isRole(user.role)) token.role = user.role;
        if (user && typeof user.sessionVersion === "number") token.sv = user.sessionVersion;
        return token;
      },
      session({ session, token }) {
        if (session.user) {
          session.user.id = token.sub ?? "";
          session.user.role = isRole(token.role) ? token.role : "viewer";
          session.user.sessionVersion = typeof token.sv === "number" ? token.sv : null;
        }
        return session;
      },
    },
    events: {
      // Ends every session of the user, on every browser (docs/decisions/0010); only a
      // session that is still current may do so, so a replayed old cookie cannot.
      async signOut({ token }) {
        if (token && (await isSessionCurrent(token))) await endSessions({ userId: Number(token.sub) });
      },
      async signIn({ user, account }) {
        const id = Number(user.id);
        if (!Number.isInteger(id) || !isRole(user.role) || !user.email) return;
        await auditSignIn({ user: { id, email: user.email, role: user.role }, provider: account?.provider ?? "unknown", meta });
      },
    },
    logger: {
      error(code, metadata) {
        console.error(`[next-auth] ${code}`, metadata);
        if (code === "OAUTH_CALLBACK_ERROR" || code === "OAUTH_CALLBACK_HANDLER_ERROR") {
          const error = (metadata as { error?: Error })?.error ?? (metadata as Error);
          void auditFailedSignIn({ provider: "oidc", email: null, reason: error?.message ?? code, meta }).catch(() => undefined);
        }
      },
      warn(code) {
        console.warn(`[next-auth] ${code}`);
      },
      debug() {},
    },
  };
}
