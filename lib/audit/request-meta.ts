import { randomUUID } from "node:crypto";
import { z } from "zod";
import { CLIENT_IP_HEADER } from "@/lib/http/client-address";

/** Where a request came from, as the audit trail records it. */
export type RequestMeta = { ip: string | null; userAgent: string | null; requestId: string };

const requestIdSchema = z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/);

/**
 * Reads client address, user agent and request id (`x-request-id` if sane, else a new one).
 * The address is the one proxy.ts worked out from the socket and the trusted proxies
 * (lib/http/client-address.ts), never a forwarding header as the client sent it.
 */
export function requestMetaFrom(headers: Headers): RequestMeta {
  const ip = headers.get(CLIENT_IP_HEADER)?.trim() || null;
  const requestId = requestIdSchema.safeParse(headers.get("x-request-id"));
  return {
    ip: ip ? ip.slice(0, 64) : null,
    userAgent: headers.get("user-agent")?.slice(0, 512) ?? null,
    requestId: requestId.success ? requestId.data : randomUUID(),
  };
}

/** For work that no browser asked for (worker loops, policies, scripts). */
export function systemRequestMeta(source: string): RequestMeta {
  return { ip: null, userAgent: source, requestId: randomUUID() };
}
