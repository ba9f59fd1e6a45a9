import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

// Admins may point targets, restart hooks and webhooks at any address the console can reach,
// internal ones included (that is what a console on the inside is for). An operator who wants
// less sets HEADROOM_OUTBOUND_ALLOWLIST: then every such URL must fall inside it, at save time
// and again at call time (a name may resolve elsewhere later).

export type Allowlist = { text: string; hosts: Set<string>; suffixes: string[]; networks: BlockList; hasNetworks: boolean };

const HOST = /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

/** Parses "10.0.0.0/8, 192.168.1.5, hooks.internal, *.svc.cluster.local, fd00::/8"; a bad entry is named. */
export function parseAllowlist(text: string): Allowlist {
  const list: Allowlist = { text, hosts: new Set(), suffixes: [], networks: new BlockList(), hasNetworks: false };
  for (const raw of text.split(/[\s,]+/).filter(Boolean)) {
    const entry = raw.toLowerCase();
    const [address, prefixText, extra] = entry.split("/");
    const family = isIP(address);
    if (family !== 0 && extra === undefined) {
      const type = family === 4 ? "ipv4" : "ipv6";
      const prefix = prefixText === undefined ? (family === 4 ? 32 : 128) : Number(prefixText);
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128) || (prefixText !== undefined && !/^\d+$/.test(prefixText))) {
        throw new Error(`"${raw}" has an invalid prefix length`);
      }
      list.networks.addSubnet(address, prefix, type);
      list.hasNetworks = true;
    } else if (entry.startsWith("*.") && HOST.test(entry.slice(2))) {
      list.suffixes.push(entry.slice(1));
    } else if (HOST.test(entry)) {
      list.hosts.add(entry);
    } else {
      throw new Error(`"${raw}" is not a CIDR, an IP address, a host name or *.domain`);
    }
  }
  if (list.hosts.size === 0 && list.suffixes.length === 0 && !list.hasNetworks) throw new Error("names no CIDR or host");
  return list;
}

const inNetworks = (list: Allowlist, address: string) => {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const ip = mapped ?? address;
  return list.hasNetworks && list.networks.check(ip, isIP(ip) === 6 ? "ipv6" : "ipv4");
};

export type Resolve = (host: string) => Promise<string[]>;
const resolveAll: Resolve = async (host) => (await lookup(host, { all: true })).map((a) => a.address);

/**
 * Why a URL may not be called under the allow-list, or null when it may (always, without one).
 * A host named in the list is allowed as named; any other host must resolve only to addresses
 * inside the listed networks.
 */
export async function outboundRefusal(url: string, list: Allowlist | undefined, resolve: Resolve = resolveAll): Promise<string | null> {
  if (!list) return null;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  } catch {
    return "it is not a URL";
  }
  const outside = `${host} is outside HEADROOM_OUTBOUND_ALLOWLIST (${list.text})`;
  if (list.hosts.has(host) || list.suffixes.some((suffix) => host.endsWith(suffix))) return null;
  if (isIP(host)) return inNetworks(list, host) ? null : outside;
  if (!list.hasNetworks) return outside;
  const addresses = await resolve(host).catch(() => null);
  if (!addresses || addresses.length === 0) return `${host} does not resolve, so it cannot be checked against HEADROOM_OUTBOUND_ALLOWLIST`;
  const stray = addresses.find((address) => !inNetworks(list, address));
  return stray ? `${host} resolves to ${stray}, which is outside HEADROOM_OUTBOUND_ALLOWLIST (${list.text})` : null;
}
