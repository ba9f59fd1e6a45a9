import { timingSafeEqual } from "node:crypto";

/** 127.0.0.0/8, ::1, and IPv4 loopback written as IPv6 (::ffff:127.0.0.1). */
export function isLoopback(address: string | null | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith("::ffff:") ? address.slice(7) : address;
  return v4 === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/**
 * Who may read Headroom's own metrics: anyone on this machine (the socket's peer, or on the web
 * the client address proxy.ts worked out from it and the trusted proxies, never a forwarding
 * header as the client sent it), and elsewhere only a client with HEADROOM_METRICS_TOKEN.
 */
export function mayReadMetrics(options: { clientAddress: string | null | undefined; authorization: string | null | undefined; token: string | undefined }): boolean {
  if (isLoopback(options.clientAddress)) return true;
  if (!options.token) return false;
  const sent = /^Bearer\s+(\S+)$/i.exec(options.authorization ?? "")?.[1];
  if (!sent) return false;
  const [a, b] = [Buffer.from(sent), Buffer.from(options.token)];
  return a.length === b.length && timingSafeEqual(a, b);
}

export const METRICS_REFUSED = "Headroom's metrics are readable from this machine, or with Authorization: Bearer <HEADROOM_METRICS_TOKEN>.";
