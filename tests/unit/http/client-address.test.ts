import { describe, expect, it } from "vitest";
import { clientAddressOf, parseProxyEntry, trustedProxies } from "@/lib/http/client-address";
import { parseEnv } from "@/lib/env";

const none = trustedProxies([]);
const lb = trustedProxies(["10.0.0.0/8", "fd00::/8", "192.0.2.10"]);

describe("clientAddressOf", () => {
  it("records the socket's peer, whatever X-Forwarded-For says, when no proxy is trusted", () => {
    expect(clientAddressOf({ peer: "198.51.100.4", forwardedFor: "203.0.113.99", trusted: none })).toBe("198.51.100.4");
    expect(clientAddressOf({ peer: "127.0.0.1", forwardedFor: "203.0.113.99, 10.0.0.1", trusted: none })).toBe("127.0.0.1");
  });

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy, even when other proxies are trusted", () => {
    expect(clientAddressOf({ peer: "198.51.100.4", forwardedFor: "203.0.113.99", trusted: lb })).toBe("198.51.100.4");
  });

  it("reads X-Forwarded-For from the right through trusted proxies only", () => {
    expect(clientAddressOf({ peer: "10.0.0.2", forwardedFor: "203.0.113.7", trusted: lb })).toBe("203.0.113.7");
    // The client prepended a spoofed entry; the trusted proxy appended what it saw.
    expect(clientAddressOf({ peer: "10.0.0.2", forwardedFor: "1.2.3.4, 203.0.113.7", trusted: lb })).toBe("203.0.113.7");
    // Two trusted hops (edge proxy 192.0.2.10, then the load balancer).
    expect(clientAddressOf({ peer: "10.0.0.2", forwardedFor: "1.2.3.4, 203.0.113.7, 192.0.2.10", trusted: lb })).toBe("203.0.113.7");
    // Everything trusted: the leftmost address is the best there is.
    expect(clientAddressOf({ peer: "10.0.0.2", forwardedFor: "10.9.9.9", trusted: lb })).toBe("10.9.9.9");
  });

  it("stops at the proxy on garbage, and normalises IPv4-mapped IPv6", () => {
    expect(clientAddressOf({ peer: "10.0.0.2", forwardedFor: "203.0.113.7, not-an-ip", trusted: lb })).toBe("10.0.0.2");
    expect(clientAddressOf({ peer: "::ffff:10.0.0.2", forwardedFor: "203.0.113.7", trusted: lb })).toBe("203.0.113.7");
    expect(clientAddressOf({ peer: "::ffff:198.51.100.4", forwardedFor: null, trusted: none })).toBe("198.51.100.4");
    expect(clientAddressOf({ peer: "fd00::1", forwardedFor: "2001:db8::5", trusted: lb })).toBe("2001:db8::5");
  });

  it("knows no address without a peer (not served through supervisor/web-server.ts)", () => {
    expect(clientAddressOf({ peer: null, forwardedFor: "203.0.113.99", trusted: none })).toBeNull();
    expect(clientAddressOf({ peer: "", forwardedFor: null, trusted: none })).toBeNull();
  });
});

describe("HEADROOM_TRUSTED_PROXIES", () => {
  it("parses IPs and CIDRs separated by commas or spaces; default none", () => {
    expect(parseEnv({}).HEADROOM_TRUSTED_PROXIES).toEqual([]);
    expect(parseEnv({ HEADROOM_TRUSTED_PROXIES: "10.0.0.0/8, 127.0.0.1 ::1" }).HEADROOM_TRUSTED_PROXIES).toEqual(["10.0.0.0/8", "127.0.0.1", "::1"]);
  });

  it("refuses a bad entry, naming the variable and the entry", () => {
    expect(() => parseEnv({ HEADROOM_TRUSTED_PROXIES: "10.0.0.0/33" })).toThrow(/HEADROOM_TRUSTED_PROXIES: "10\.0\.0\.0\/33" is not an IP address or CIDR/);
    expect(() => parseEnv({ HEADROOM_TRUSTED_PROXIES: "proxy.internal" })).toThrow(/HEADROOM_TRUSTED_PROXIES/);
    expect(parseProxyEntry("fd00::/129")).toBeNull();
    expect(parseProxyEntry("10.0.0.1/x")).toBeNull();
  });
});
