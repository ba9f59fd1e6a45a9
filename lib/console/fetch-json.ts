/** The console's one fetch helper for its JSON routes: throws the server's plain-words message. */
export async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { accept: "application/json" }, cache: "no-store" });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const message = body && typeof body.message === "string" ? body.message : `${response.status} ${response.statusText}`;
    throw new Error(message);
  }
  return body as T;
}
