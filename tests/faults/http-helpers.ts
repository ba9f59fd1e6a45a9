import net from "node:net";

/** A password sign-in the way the sign-in form does it; `error` is next-auth's code (null when signed in). */
export async function signIn(baseUrl: string, email: string, password: string): Promise<{ error: string | null }> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${baseUrl}/`, json: "true" }),
    redirect: "manual",
  });
  const { url } = (await response.json()) as { url: string };
  return { error: new URL(url).searchParams.get("error") };
}

/**
 * Keeps a port taken, dropping every connection at once, so that a killed PostgreSQL stays
 * down (the supervisor's restarts fail on the taken port) for as long as the test wants.
 */
export async function holdPort(port: number, timeoutMs = 5_000): Promise<{ release(): Promise<void> }> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const server = net.createServer((socket) => socket.destroy());
    const bound = await new Promise<boolean>((resolve) => {
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => resolve(true));
    });
    if (bound) return { release: () => new Promise<void>((resolve) => server.close(() => resolve())) };
    if (Date.now() > end) throw new Error(`port ${port} stayed taken`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
