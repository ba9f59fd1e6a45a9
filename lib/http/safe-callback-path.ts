// Where to send someone after sign-in: only a path on this console. Used by the sign-in page,
// its form (in the browser) and next-auth's redirect callback, so it must not be server-only.

const PLACEHOLDER_ORIGIN = "http://headroom.invalid";
const MAX_LENGTH = 2_000;

/**
 * The same-origin path `value` names, normalised as a browser would resolve it, or `fallback`.
 * Browsers treat `\` as `/` and drop tabs and newlines in URLs, so `/\evil.example` or
 * `/\t/evil.example` are protocol-relative links to another host: anything with a backslash or
 * a control character is refused outright, and the result is checked again after dot segments
 * are resolved (`/.//evil` normalises to `//evil`).
 */
export function safeCallbackPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH) return fallback;
  if (!value.startsWith("/") || /[\\\u0000-\u001f\u007f]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN || url.pathname.startsWith("//")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** For next-auth's redirect callback: it hands over paths and absolute URLs; only its own origin's survive. */
export function safeRedirectUrl(url: string, baseUrl: string): string {
  const base = new URL(baseUrl);
  let candidate = url;
  try {
    const absolute = new URL(url);
    candidate = absolute.origin === base.origin ? `${absolute.pathname}${absolute.search}${absolute.hash}` : "";
  } catch {
    // not absolute: a path, checked below
  }
  return `${base.origin}${safeCallbackPath(candidate)}`;
}
