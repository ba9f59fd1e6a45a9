import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCommandDrivers, readCommandDrivers } from "@/lib/remediation/drivers/command-drivers-file";
import { boundOutput, presentOutput, scrubSecrets } from "@/lib/remediation/drivers/scrub-output";

const file = "/etc/headroom/drivers.json";
const driver = { name: "compose-api", rolling: ["docker", "compose", "restart", "api"], emergency: ["docker", "compose", "kill", "api"], run_as_user: "deploy" };

describe("the restart drivers file", () => {
  it("parses named drivers with their defaults", () => {
    expect(parseCommandDrivers(JSON.stringify({ drivers: [driver] }), file)).toEqual([
      { name: "compose-api", description: null, rolling: driver.rolling, emergency: driver.emergency, timeoutSeconds: 120, runAsUser: "deploy", cwd: null, env: {} },
    ]);
  });

  it("refuses a bad file naming the variable, the file and the field", () => {
    const cases: [unknown, RegExp][] = [
      [{ drivers: [{ ...driver, rolling: [] }] }, /HEADROOM_RESTART_DRIVERS_FILE \(\/etc\/headroom\/drivers\.json\): drivers\.0\.rolling: needs at least the program/],
      [{ drivers: [{ ...driver, run_as_user: "root; rm" }] }, /drivers\.0\.run_as_user: must be a user name/],
      [{ drivers: [{ ...driver, env: { "BAD-NAME": "x" } }] }, /drivers\.0\.env\.BAD-NAME/],
      [{ drivers: [driver, driver] }, /drivers\.1\.name: "compose-api" is defined twice/],
      [{ drivers: [{ ...driver, shell: true }] }, /drivers\.0: Unrecognized key: "shell"/],
      [{ drivers: [{ ...driver, timeout_seconds: 1e12 }] }, /drivers\.0\.timeout_seconds/],
    ];
    for (const [content, message] of cases) expect(() => parseCommandDrivers(JSON.stringify(content), file)).toThrow(message);
    expect(() => parseCommandDrivers("drivers:\n  - name: x", file)).toThrow(/not valid JSON/);
  });

  it("reads the file each time; unset means no drivers, unreadable says why", () => {
    expect(readCommandDrivers(undefined)).toEqual({ ok: true, drivers: [] });
    const dir = mkdtempSync(path.join(tmpdir(), "drivers-"));
    const at = path.join(dir, "drivers.json");
    expect(readCommandDrivers(at)).toMatchObject({ ok: false, message: expect.stringMatching(/cannot be read: ENOENT/) });
    writeFileSync(at, JSON.stringify({ drivers: [driver] }));
    expect(readCommandDrivers(at)).toMatchObject({ ok: true, drivers: [{ name: "compose-api" }] });
  });
});

describe("driver output shown to people", () => {
  it("masks known secrets, URL passwords, bearer tokens, ingest tokens and password assignments", () => {
    const text = [
      "using secret-value-123 for auth",
      "connect postgresql://headroom:pa55w0rd@db:5432/headroom",
      "Authorization: Bearer eyJhbGciOi.abc-DEF_123",
      "pushed with hr_abcdefghijklmnop",
      "PGPASSWORD=hunter2hunter2 psql",
    ].join("\n");
    expect(scrubSecrets(text, ["secret-value-123", "1"])).toBe(
      ["using **** for auth", "connect postgresql://headroom:****@db:5432/headroom", "Authorization: Bearer ****", "pushed with hr_****", "PGPASSWORD=**** psql"].join("\n"),
    );
  });

  it("keeps the last 2 kB, scrubbed before it is cut", () => {
    expect(boundOutput("short")).toBe("short");
    const long = `${"a".repeat(5000)}END`;
    const bounded = boundOutput(long);
    expect(Buffer.byteLength(bounded)).toBeLessThanOrEqual(2048 + 3);
    expect(bounded.startsWith("…") && bounded.endsWith("aEND")).toBe(true);
    const secret = "s3cret-s3cret";
    expect(presentOutput(`${"x".repeat(2040)}${secret}tail`, [secret])).not.toContain("cret");
    expect(boundOutput("é".repeat(2000)).replace("…", "")).toMatch(/^é+$/);
  });
});
