import { afterAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { db } from "@/lib/db";
import { authOptions } from "@/lib/auth/options";
import { requestMetaFrom } from "@/lib/audit/request-meta";
import { proxy } from "@/proxy";

afterAll(() => db.$disconnect());

/** The request headers proxy.ts hands on to the route (Next's encoding of NextResponse.next({ request })). */
function forwarded(response: Response): Headers {
  const names = (response.headers.get("x-middleware-override-headers") ?? "").split(",").filter(Boolean);
  return new Headers(names.map((name): [string, string] => [name, response.headers.get(`x-middleware-request-${name}`) ?? ""]));
}

const call = (path: string, headers: Record<string, string>) => proxy(new NextRequest(`http://localhost:3000${path}`, { headers }));

describe("the client address the audit records", () => {
  it("is the socket's peer when X-Forwarded-For and the internal header are spoofed by an untrusted client", async () => {
    const response = await call("/api/auth/callback/credentials", {
      "x-headroom-peer": "198.51.100.23",
      "x-forwarded-for": "203.0.113.66",
      "x-real-ip": "203.0.113.67",
      "x-headroom-client-ip": "203.0.113.68",
    });
    const meta = requestMetaFrom(forwarded(response));
    expect(meta.ip).toBe("198.51.100.23");

    // And that is the address a failed sign-in through this request is audited with.
    const credentials = (authOptions({ meta }).providers[0] as unknown as { options: { authorize: (c: unknown, r: unknown) => Promise<unknown> } }).options;
    await credentials.authorize({ email: "spoofer@test.local", password: "guess" }, { headers: {} });
    const row = await db.auditEvent.findFirstOrThrow({ where: { type: "auth.sign_in_failed", actorLabel: "spoofer@test.local" } });
    expect(row.ip).toBe("198.51.100.23");
  });

  it("is unknown, not the client's claim, without a peer (a server other than supervisor/web-server.ts)", async () => {
    const response = await call("/signin", { "x-forwarded-for": "203.0.113.66", "x-headroom-client-ip": "203.0.113.68" });
    expect(requestMetaFrom(forwarded(response)).ip).toBeNull();
  });
});

describe("security headers", () => {
  it("come with every response: a nonce CSP that forbids framing, nosniff, a referrer policy", async () => {
    const first = await call("/signin", {});
    const second = await call("/signin", {});
    const csp = first.headers.get("content-security-policy")!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(second.headers.get("content-security-policy")).not.toBe(csp);
    // Next takes the nonce for its own scripts from the request's CSP.
    expect(forwarded(first).get("content-security-policy")).toBe(csp);
    expect(first.headers.get("x-frame-options")).toBe("DENY");
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("referrer-policy")).toBe("same-origin");
    // Plain http here: no HSTS, no upgrade-insecure-requests.
    expect(first.headers.get("strict-transport-security")).toBeNull();

    for (const response of [await call("/api/console/overview", {}), await call("/targets", {}), await call("/_next/static/chunks/x.js", {})]) {
      expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });
});
