import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import type { RequestMeta } from "@/lib/audit/request-meta";

/**
 * A browser's side of next-auth, against the real handler and options (CSRF token, credentials
 * callback, sign-out) with a cookie jar. It calls next-auth's Node-style entry point, which takes
 * the request as an object: the App Router one reads next/headers, which only exists inside Next.
 */
export class NextAuthClient {
  readonly cookies = new Map<string, string>();
  /** Every Set-Cookie line the handler answered with, in order. */
  readonly setCookieLines: string[] = [];

  constructor(private readonly meta: RequestMeta = { ip: "198.51.100.20", userAgent: "next-auth-client", requestId: "req-auth-client" }) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  get sessionCookie(): string | undefined {
    return this.cookies.get("next-auth.session-token");
  }

  /** Signs in with email and password; `error` is next-auth's error code or the thrown message (a lock code). */
  async signIn(email: string, password: string): Promise<{ ok: boolean; error: string | null }> {
    const csrfToken = await this.csrfToken();
    const response = await this.call(["callback", "credentials"], "POST", { email, password, csrfToken, json: "true" });
    const url = new URL(String((response.body as { url?: string })?.url ?? response.location ?? "http://localhost/"), "http://localhost");
    return { ok: response.status === 200 && !url.searchParams.has("error"), error: url.searchParams.get("error") };
  }

  async signOut(): Promise<void> {
    const csrfToken = await this.csrfToken();
    await this.call(["signout"], "POST", { csrfToken, json: "true" });
  }

  private async csrfToken(): Promise<string> {
    const response = await this.call(["csrf"], "GET");
    return (response.body as { csrfToken: string }).csrfToken;
  }

  private async call(action: string[], method: "GET" | "POST", body?: Record<string, string>) {
    const out = { status: 200, location: null as string | null, body: undefined as unknown, setCookie: [] as string[] };
    const res = {
      status(code: number) {
        out.status = code;
        return res;
      },
      getHeader: (name: string) => (name.toLowerCase() === "set-cookie" ? out.setCookie : undefined),
      setHeader(name: string, value: string | string[]) {
        if (name.toLowerCase() === "set-cookie") out.setCookie = Array.isArray(value) ? value : [value];
        if (name.toLowerCase() === "location") out.location = String(value);
        return res;
      },
      end: () => undefined,
      json: (value: unknown) => void (out.body = value),
      send: (value: unknown) => void (out.body = value),
    };
    const req = {
      query: { nextauth: action },
      body,
      method,
      cookies: Object.fromEntries(this.cookies),
      headers: { host: "localhost:3000", "content-type": "application/x-www-form-urlencoded", cookie: this.cookieHeader },
    };
    await (NextAuth as unknown as (req: unknown, res: unknown, options: unknown) => Promise<void>)(req, res, authOptions({ meta: this.meta }));
    this.setCookieLines.push(...out.setCookie);
    for (const line of out.setCookie) {
      const [pair, ...attributes] = line.split(";");
      const [name, ...value] = pair.split("=");
      const expired = attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
      if (expired) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), decodeURIComponent(value.join("=")));
    }
    return out;
  }
}
