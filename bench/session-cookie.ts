import { encode } from "next-auth/jwt";
import { db } from "@/lib/db";

/**
 * A signed-in user for the page benches (a viewer unless told), made the way the e2e
 * `login(role)` fixture would: a user row and a session token signed with the web server's
 * secret (no password round trip).
 */
export async function sessionCookie(options: { secret: string; url: string; role?: "viewer" | "lead" }): Promise<{ name: string; value: string }> {
  const role = options.role ?? "viewer";
  const user = await db.user.upsert({
    where: { email: `bench-${role}@headroom.local` },
    create: { email: `bench-${role}@headroom.local`, name: `Bench ${role}`, role },
    update: {},
  });
  const value = await encode({
    secret: options.secret,
    token: { sub: String(user.id), email: user.email, name: user.name, role: user.role, sv: user.sessionVersion },
    maxAge: 12 * 3600,
  });
  // next-auth names its cookie __Secure-… on https only; the bench serves plain http on loopback.
  return { name: options.url.startsWith("https:") ? "__Secure-next-auth.session-token" : "next-auth.session-token", value };
}
