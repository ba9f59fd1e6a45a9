import { describe, expect, it } from "vitest";
import { safeCallbackPath, safeRedirectUrl } from "@/lib/http/safe-callback-path";

// Each of these, given to a browser as a relative URL on the console, leaves the console's origin
// (or is not a path at all). Written as the sign-in page receives them: searchParams are decoded.
const hostile = [
  "/\\evil.example/x", // the reported one: /%5Cevil.example/x
  "/\t/evil.example/x",
  "/\n/evil.example/x",
  "/\r\n/evil.example",
  "/\\/evil.example",
  "/\\\\evil.example",
  "//evil.example",
  "///evil.example",
  "/.//evil.example",
  "/a/../..//evil.example",
  "/%2e//evil.example", // dot segment spelled encoded, normalised by the URL parser
  "https://evil.example",
  "http://evil.example/x",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  " /\\evil.example",
  "\\\\evil.example",
  "evil.example",
  "data:text/html,<script>alert(1)</script>",
  "/\u0000/evil.example",
  "",
];

describe("safeCallbackPath", () => {
  it.each(hostile.map((v) => [JSON.stringify(v), v]))("refuses %s", (_label, value) => {
    expect(safeCallbackPath(value)).toBe("/");
  });

  it("refuses the encoded form once more decoded (a double-encoded link, decoded twice on the way)", () => {
    const once = decodeURIComponent("/%255Cevil.example/x");
    expect(once).toBe("/%5Cevil.example/x");
    // Decoded once it is a harmless path on this origin; decoded twice it is the hostile one.
    expect(safeCallbackPath(once)).toBe("/%5Cevil.example/x");
    expect(safeCallbackPath(decodeURIComponent(once))).toBe("/");
  });

  it("keeps same-origin paths with their query and hash", () => {
    expect(safeCallbackPath("/targets")).toBe("/targets");
    expect(safeCallbackPath("/targets/freeagentics-api?range=24h#trend")).toBe("/targets/freeagentics-api?range=24h#trend");
    expect(safeCallbackPath("/audit?before=10")).toBe("/audit?before=10");
    expect(safeCallbackPath("/a/./b/../c")).toBe("/a/c");
    expect(safeCallbackPath("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
  });

  it("uses the fallback for what is not a string or too long", () => {
    expect(safeCallbackPath(undefined)).toBe("/");
    expect(safeCallbackPath(["/targets"])).toBe("/");
    expect(safeCallbackPath(`/${"a".repeat(3000)}`)).toBe("/");
    expect(safeCallbackPath("https://evil.example", "/incidents")).toBe("/incidents");
  });
});

describe("safeRedirectUrl (next-auth's redirect callback)", () => {
  const base = "http://localhost:3000";
  it("follows paths and absolute URLs on the console's own origin", () => {
    expect(safeRedirectUrl("/targets", base)).toBe("http://localhost:3000/targets");
    expect(safeRedirectUrl("http://localhost:3000/incidents?x=1", base)).toBe("http://localhost:3000/incidents?x=1");
  });

  it.each([
    "/\\evil.example/x",
    "/\t/evil.example/x",
    "https://evil.example/x",
    "http://localhost:3000.evil.example/",
    "http://localhost:3001/",
    "http://localhost:3000/\\evil.example/x",
    "//evil.example",
    "javascript:alert(1)",
  ])("sends %j to the console's root", (url) => {
    expect(safeRedirectUrl(url, base)).toBe("http://localhost:3000/");
  });
});
