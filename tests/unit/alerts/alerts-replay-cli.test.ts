import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "alerts-replay-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function replay(input: unknown): Promise<{ code: number; stdout: string; stderr: string }> {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, typeof input === "string" ? input : JSON.stringify(input));
  return replayFile(file);
}

async function replayFile(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    // The npm script itself, so the package.json entry is covered too.
    const { stdout, stderr } = await run("npm", ["run", "--silent", "alerts:replay", "--", ...args], { cwd: process.cwd() });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const lines = (stdout: string) => stdout.trim().split("\n").filter(Boolean).map((line) => JSON.parse(line));

describe.concurrent("npm run alerts:replay", { timeout: 30_000 }, () => {
  it("prints one JSON line per state change for the default rules", async () => {
    const samples = [
      { t: 0, value: 0.5 },
      { t: 20, value: 0.88 },
      { t: 40, value: 0.88 },
      { t: 100, value: 0.96 },
      { t: 130, value: 0.96 },
      { t: 400, value: 0.96 },
      { t: 500, value: 0.9 },
      { t: 560, value: 0.5 },
    ];
    const result = await replay({ evaluationIntervalSeconds: 15, samples });
    expect(result.code).toBe(0);
    // Evaluations at 0, 15, 30, ...: 20 is first seen at 30, 100 at 105, 500 at 510, 560 at 570.
    expect(lines(result.stdout)).toEqual([
      { t: 30, rule: "SEV-2", state: "pending" },
      { t: 105, rule: "SEV-1", state: "pending" },
      { t: 330, rule: "SEV-2", state: "firing" },
      { t: 405, rule: "SEV-1", state: "firing" },
      { t: 510, rule: "SEV-1", state: "inactive" },
      { t: 570, rule: "SEV-2", state: "inactive" },
    ]);
    expect(result.stdout.split("\n")[0]).toBe('{"t":30,"rule":"SEV-2","state":"pending"}');
  });

  it("replays custom rules and evaluates up to the last sample plus the lookback", async () => {
    const rules = [{ name: "warn", threshold: 0.7, forSeconds: 30 }];
    const result = await replay({ evaluationIntervalSeconds: 10, samples: [{ t: 5, value: 0.75 }], rules });
    expect(lines(result.stdout)).toEqual([
      { t: 10, rule: "warn", state: "pending" },
      { t: 40, rule: "warn", state: "firing" },
    ]);
  });

  it("prints nothing for a quiet series", async () => {
    const result = await replay({ samples: [{ t: 0, value: 0.2 }, { t: 15, value: 0.3 }] });
    expect(result).toMatchObject({ code: 0, stdout: "" });
  });

  it("exits 2 naming the field when a sample is out of range", async () => {
    const result = await replay({ samples: [{ t: 0, value: 0.5 }, { t: 15, value: 1.5 }] });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("samples[1].value: value must be between 0 and 1");
    expect(result.stdout).toBe("");
  });

  it("exits 2 on a rule whose recovery threshold is not below its threshold", async () => {
    const rules = [{ name: "x", threshold: 0.8, forSeconds: 60, recoveryThreshold: 0.9 }];
    const result = await replay({ samples: [{ t: 0, value: 0.5 }], rules });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("rules[0].recoveryThreshold");
  });

  it("exits 2 on a misspelt field rather than silently using the defaults", async () => {
    const result = await replay({ samples: [{ t: 0, value: 0.5 }], rule: [] });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("rule: unknown field");
  });

  it("exits 2 on invalid JSON, a missing file and a missing argument", async () => {
    expect((await replay("{not json")).code).toBe(2);
    const missing = await replayFile(join(dir, "nope.json"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cannot read");
    const none = await replayFile();
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("usage");
  });
});
