import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { isSessionCurrent } from "@/lib/auth/session-version";
import { env, publicUrlIsHttps, requireAuthSecret } from "@/lib/env";
import { CLIENT_IP_HEADER, PEER_HEADER, clientAddressOf, trustedProxies, type TrustedProxies } from "@/lib/http/client-address";
import { newNonce, securityHeaders } from "@/lib/http/security-headers";

// The first gate: no page or API route is served without a current session, except sign-in,
// health, Next's static files and Headroom's own metrics (the route checks the client address
// worked out here, or its token, itself). Pages and actions still check the user and permission
// themselves on the server. Every response gets the security headers, and every request the
// client address the audit trail records.
const PUBLIC_PATHS = [/^\/signin$/, /^\/api\/auth\//, /^\/api\/health$/, /^\/metrics$/, /^\/_next\/(static|image)\//, /^\/(favicon\.ico|icon\.svg|robots\.txt)$/];
const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

let trusted: TrustedProxies | undefined;

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const headers = securityHeaders({ nonce: newNonce(), https: publicUrlIsHttps(), dev: env().NODE_ENV === "development" });
  const respond = (response: NextResponse) => {
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  };
  const pass = () => respond(NextResponse.next({ request: { headers: forwardedHeaders(request, headers["Content-Security-Policy"]) } }));

  if (PUBLIC_PATHS.some((pattern) => pattern.test(pathname))) return pass();
  // Machine clients of /api/v1 carry a bearer token, which the route itself verifies.
  if (pathname.startsWith("/api/v1/") && /^Bearer\s/i.test(request.headers.get("authorization") ?? "")) return pass();

  const token = await getToken({ req: request, secret: requireAuthSecret(), secureCookie: publicUrlIsHttps() });
  if (token && (await isSessionCurrent(token))) return pass();

  const response = pathname.startsWith("/api/")
    ? NextResponse.json({ error: "UNAUTHENTICATED", message: "Sign in to continue." }, { status: 401 })
    : NextResponse.redirect(signInUrl(request, pathname, search));
  // A cookie whose session has ended is of no further use: the browser may forget it.
  for (const cookie of request.cookies.getAll()) if (SESSION_COOKIE.test(cookie.name)) response.cookies.delete(cookie.name);
  return respond(response);
}

function signInUrl(request: NextRequest, pathname: string, search: string): URL {
  const signIn = new URL("/signin", request.url);
  if (pathname !== "/") signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
  return signIn;
}

/**
 * What the route sees: the client address worked out here (over anything the client sent
 * under that name), and the CSP, from which Next takes the nonce for its scripts.
 */
function forwardedHeaders(request: NextRequest, csp: string): Headers {
  trusted ??= trustedProxies(env().HEADROOM_TRUSTED_PROXIES);
  const forwarded = new Headers(request.headers);
  const address = clientAddressOf({ peer: request.headers.get(PEER_HEADER), forwardedFor: request.headers.get("x-forwarded-for"), trusted });
  if (address) forwarded.set(CLIENT_IP_HEADER, address);
  else forwarded.delete(CLIENT_IP_HEADER);
  forwarded.set("Content-Security-Policy", csp);
  return forwarded;
}

export const config = {
  matcher: ["/:path*"],
};
