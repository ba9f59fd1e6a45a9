import { BlockList, isIP } from "node:net";

/**
 * Set by supervisor/web-server.ts from the TCP socket, over whatever the client sent. Next's
 * route handlers never see the socket, and Next itself fills `x-forwarded-for` from it only when
 * the client sent none, so that header alone is whatever the client says.
 */
export const PEER_HEADER = "x-headroom-peer";
/** Set by proxy.ts for every request, over whatever the client sent: the address the audit records. */
export const CLIENT_IP_HEADER = "x-headroom-client-ip";

/** `::ffff:10.0.0.1` is how a dual-stack socket reports 10.0.0.1; compare and record the IPv4 form. */
function normalise(address: string): string {
  const trimmed = address.trim().replace(/^\[(.*)\]$/, "$1");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped ? mapped[1] : trimmed;
}

/** An IP (`10.0.0.5`, `::1`) or a CIDR (`10.0.0.0/8`, `fd00::/8`), or null when it is neither. */
export function parseProxyEntry(entry: string): { address: string; prefix: number | null; family: "ipv4" | "ipv6" } | null {
  const [address, prefixText, ...rest] = entry.trim().split("/");
  if (rest.length > 0) return null;
  const version = isIP(normalise(address));
  if (version === 0) return null;
  const family = version === 4 ? "ipv4" : "ipv6";
  if (prefixText === undefined) return { address: normalise(address), prefix: null, family };
  const prefix = Number(prefixText);
  if (!/^\d{1,3}$/.test(prefixText) || prefix > (version === 4 ? 32 : 128)) return null;
  return { address: normalise(address), prefix, family };
}

export type TrustedProxies = { check(address: string): boolean };

export function trustedProxies(entries: readonly string[]): TrustedProxies {
  const list = new BlockList();
  for (const entry of entries) {
    const parsed = parseProxyEntry(entry);
    if (!parsed) throw new Error(`not an IP address or CIDR: ${entry}`);
    if (parsed.prefix === null) list.addAddress(parsed.address, parsed.family);
    else list.addSubnet(parsed.address, parsed.prefix, parsed.family);
  }
  return {
    check(address) {
      const version = isIP(address);
      return version !== 0 && list.check(address, version === 4 ? "ipv4" : "ipv6");
    },
  };
}

/**
 * The client's address: the socket's peer unless that peer is a trusted proxy, in which case
 * `X-Forwarded-For` is read from the right (each trusted proxy appends the address it saw) up to
 * the first address that is not a trusted proxy. Entries further left were written by the
 * client or an untrusted hop and are never believed. No peer (not served by web-server.ts): null.
 */
export function clientAddressOf(options: { peer: string | null; forwardedFor: string | null; trusted: TrustedProxies }): string | null {
  if (!options.peer) return null;
  let address = normalise(options.peer);
  if (isIP(address) === 0) return null;
  const hops = (options.forwardedFor ?? "").split(",").map(normalise).filter(Boolean);
  while (options.trusted.check(address) && hops.length > 0) {
    const next = hops.pop()!;
    // A garbled hop from a trusted proxy: stop at the proxy rather than believe it.
    if (isIP(next) === 0) break;
    address = next;
  }
  return address;
}
