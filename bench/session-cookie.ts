import { encode } from "next-auth/jwt";
import { db } from "@/lib/db";

/**
 * A signed-in viewer for the page benches, made the way the e2e `login(role)` fixture would:
 * a user row and a session token signed with the web server's secret (no password round trip).
 */
export async function sessionCookie(options: { secret: string; url: string }): Promise<{ name: string; value: string }> {
  const user = await db.user.upsert({
    where: { email: "bench-viewer@headroom.local" },
    create: { email: "bench-viewer@headroom.local", name: "Bench viewer", role: "viewer" },
    update: {},
  });
  const value = await encode({ secret: options.secret, token: { sub: String(user.id), email: user.email, name: user.name, role: user.role }, maxAge: 12 * 3600 });
  // next-auth names its cookie __Secure-… on https only; the bench serves plain http on loopback.
  return { name: options.url.startsWith("https:") ? "__Secure-next-auth.session-token" : "next-auth.session-token", value };
}
