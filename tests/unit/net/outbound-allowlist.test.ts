import { describe, expect, it } from "vitest";
import { outboundRefusal, parseAllowlist } from "@/lib/net/outbound-allowlist";
import { parseEnv } from "@/lib/env";

const list = parseAllowlist("10.0.0.0/8 192.168.1.5, fd00::/8, hooks.internal, *.svc.cluster.local");
const dns: Record<string, string[]> = { "api.corp": ["10.1.2.3"], "mixed.corp": ["10.1.2.3", "8.8.8.8"], "v6.corp": ["fd00::1"] };
const resolve = async (host: string) => {
  if (!dns[host]) throw new Error("ENOTFOUND");
  return dns[host];
};
const check = (url: string) => outboundRefusal(url, list, resolve);

describe("the outbound allow-list", () => {
  it("allows listed networks, hosts and domains, and names resolved to listed networks only", async () => {
    for (const url of ["http://10.9.9.9:8000", "http://192.168.1.5/", "http://[fd00::5]:80/", "https://hooks.internal/x", "http://a.b.svc.cluster.local", "http://api.corp", "http://v6.corp", "http://[::ffff:10.0.0.1]/"]) {
      expect(await check(url), url).toBeNull();
    }
  });

  it("refuses everything else, saying why", async () => {
    expect(await check("http://127.0.0.1:9")).toMatch(/^127\.0\.0\.1 is outside HEADROOM_OUTBOUND_ALLOWLIST/);
    expect(await check("http://192.168.1.6")).toMatch(/outside/);
    expect(await check("http://mixed.corp")).toMatch(/^mixed\.corp resolves to 8\.8\.8\.8, which is outside/);
    expect(await check("http://nowhere.corp")).toMatch(/does not resolve/);
    expect(await check("http://svc.cluster.local.evil.example")).toMatch(/does not resolve|outside/);
  });

  it("allows anything when unset, and refuses a bad list at start naming the variable", async () => {
    expect(await outboundRefusal("http://127.0.0.1", undefined)).toBeNull();
    expect(() => parseEnv({ HEADROOM_OUTBOUND_ALLOWLIST: "10.0.0.0/33" })).toThrow(/HEADROOM_OUTBOUND_ALLOWLIST: "10\.0\.0\.0\/33" has an invalid prefix length/);
    expect(() => parseEnv({ HEADROOM_OUTBOUND_ALLOWLIST: "http://x" })).toThrow(/HEADROOM_OUTBOUND_ALLOWLIST: "http:\/\/x" is not a CIDR/);
  });
});
