import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { requireAuthSecret } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { jsonError } from "@/lib/http/json-error";

// The first gate: no page or API route is served without a session, except sign-in, health
// and Headroom's own metrics (the route checks loopback or its token itself). Pages and
// actions still check the user and permission themselves on the server.
const PUBLIC_PATHS = [/^\/signin$/, /^\/api\/auth\//, /^\/api\/health$/, /^\/metrics$/];

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC_PATHS.some((pattern) => pattern.test(pathname))) return NextResponse.next();
  // Machine clients of /api/v1 carry a bearer token, which the route itself verifies.
  if (pathname.startsWith("/api/v1/") && /^Bearer\s/i.test(request.headers.get("authorization") ?? "")) {
    return NextResponse.next();
  }
  const token = await getToken({ req: request, secret: requireAuthSecret() });
  if (token) return NextResponse.next();
  if (pathname.startsWith("/api/")) {
    return jsonError(new AppError("UNAUTHENTICATED", "Sign in to continue."));
  }
  const signIn = new URL("/signin", request.url);
  if (pathname !== "/") signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};
