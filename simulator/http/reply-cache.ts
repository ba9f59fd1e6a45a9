import type { Reply } from "./router";

/**
 * Opt-in (`--reply-cache-ms`), for fleet benches where one simulator stands in for hundreds of
 * targets: identical GETs within the window get the same bytes, so the simulator's own CPU does
 * not decide what the collector is measured at. Any other request empties it (state may change).
 */
export function createReplyCache(ttlMs: number, now: () => number) {
  const entries = new Map<string, { at: number; reply: Reply }>();
  return {
    get(key: string): Reply | null {
      const entry = entries.get(key);
      return entry && now() - entry.at < ttlMs ? entry.reply : null;
    },
    /** Keeps plain 200 answers only, serialized once. */
    set(key: string, reply: Reply): void {
      if (reply.kind === "json" && (reply.status ?? 200) === 200 && !reply.headers) {
        entries.set(key, { at: now(), reply: { kind: "text", body: JSON.stringify(reply.body, null, 2), contentType: "application/json; charset=utf-8" } });
      } else if (reply.kind === "text") {
        entries.set(key, { at: now(), reply });
      }
    },
    clear(): void {
      entries.clear();
    },
  };
}
export type ReplyCache = ReturnType<typeof createReplyCache>;
