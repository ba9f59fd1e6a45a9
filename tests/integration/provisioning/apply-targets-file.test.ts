import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { applyTargetsFile } from "@/lib/provisioning/apply-targets-file";
import { watchTargetsFile } from "@/lib/provisioning/watch-targets-file";

const dir = mkdtempSync(path.join(tmpdir(), "headroom-provisioning-"));
const file = path.join(dir, "targets.yaml");
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await db.$disconnect();
});

const write = (text: string) => writeFileSync(file, text);
const provisioned = () => db.target.findMany({ where: { provisionedFrom: "targets.yaml" }, orderBy: { slug: "asc" }, select: { slug: true, name: true, kind: true, enabled: true, preset: true, memoryLimitMb: true, memoryLimitSource: true, baseUrl: true } });
const auditRows = () => db.auditEvent.findMany({ where: { type: "targets.provisioned" }, orderBy: { id: "asc" } });

const TWO = `targets:
  - { slug: node-a, name: Node A, kind: prometheus, url: "http://127.0.0.1:9100/metrics", preset: node-exporter }
  - { slug: app-b, name: App B, kind: prometheus, url: "http://127.0.0.1:9200/metrics", preset: process, memory_limit_mb: 1024 }
`;

describe("the provisioning file", () => {
  it("creates its targets, changes nothing when applied again, and updates what changed", async () => {
    write(TWO);
    expect(await applyTargetsFile({ filePath: file })).toEqual({ ok: true, created: ["node-a", "app-b"], updated: [], disabled: [] });
    expect(await provisioned()).toEqual([
      { slug: "app-b", name: "App B", kind: "prometheus", enabled: true, preset: "process", memoryLimitMb: 1024, memoryLimitSource: "configured", baseUrl: "http://127.0.0.1:9200/metrics" },
      { slug: "node-a", name: "Node A", kind: "prometheus", enabled: true, preset: "node-exporter", memoryLimitMb: 4096, memoryLimitSource: "default", baseUrl: "http://127.0.0.1:9100/metrics" },
    ]);
    expect(await applyTargetsFile({ filePath: file })).toEqual({ ok: true, created: [], updated: [], disabled: [] });
    write(TWO.replace("App B", "App B (renamed)"));
    expect(await applyTargetsFile({ filePath: file })).toEqual({ ok: true, created: [], updated: ["app-b"], disabled: [] });
    const rows = await auditRows();
    expect(rows.map((r) => [r.outcome, r.actorKind, r.actorLabel])).toEqual([["ok", "system", "provisioning:targets.yaml"], ["ok", "system", "provisioning:targets.yaml"]]);
    expect(rows[0].data).toMatchObject({ created: ["node-a", "app-b"] });
  });

  it("refuses a bad file with its line and field, and the running targets stay as they were", async () => {
    const before = await provisioned();
    write(TWO.replace("kind: prometheus, url: \"http://127.0.0.1:9100", "kind: prometeus, url: \"http://127.0.0.1:9100"));
    const outcome = await applyTargetsFile({ filePath: file });
    expect(outcome).toEqual({ ok: false, errors: ["targets.yaml line 2, targets[0].kind: must be runbook-api, prometheus or push"] });
    expect(await provisioned()).toEqual(before);
    expect((await auditRows()).at(-1)).toMatchObject({ outcome: "invalid", error: outcome.ok ? "" : outcome.errors[0] });
  });

  it("disables a target removed from the file (its data stays), and takes over a console target of the same slug", async () => {
    await db.target.create({ data: { slug: "console-made", name: "Console made", baseUrl: "http://127.0.0.1:8000" } });
    write(`targets:
  - { slug: node-a, name: Node A, kind: prometheus, url: "http://127.0.0.1:9100/metrics", preset: node-exporter }
  - { slug: console-made, name: Now from the file, kind: runbook-api, url: "http://127.0.0.1:8000", memory_limit_mb: 2048 }
`);
    expect(await applyTargetsFile({ filePath: file })).toEqual({ ok: true, created: [], updated: ["console-made"], disabled: ["app-b"] });
    expect((await provisioned()).map((t) => [t.slug, t.enabled])).toEqual([["console-made", true], ["node-a", true]]);
    expect(await db.target.findUniqueOrThrow({ where: { slug: "app-b" } })).toMatchObject({ enabled: false, provisionedFrom: null });
  });

  it("applied by several replicas at once, one change is made and audited once", async () => {
    write(TWO);
    const before = (await auditRows()).length;
    const outcomes = await Promise.all([1, 2, 3].map(() => applyTargetsFile({ filePath: file })));
    const changed = outcomes.filter((o) => o.ok && o.updated.length + o.created.length + o.disabled.length > 0);
    expect(changed).toHaveLength(1);
    expect((await auditRows()).length).toBe(before + 1);
  });

  it("the worker's watcher applies a changed file by itself", async () => {
    const lines: string[] = [];
    const watcher = watchTargetsFile({ filePath: file, log: (line) => lines.push(line), debounceMs: 50 });
    try {
      await expect.poll(() => lines.length, { timeout: 5_000 }).toBeGreaterThan(0);
      writeFileSync(`${file}.tmp`, TWO.replace("App B", "App B (watched)"));
      // As editors and ConfigMap updates do: a new file renamed over the old one.
      (await import("node:fs")).renameSync(`${file}.tmp`, file);
      await expect.poll(async () => (await db.target.findUniqueOrThrow({ where: { slug: "app-b" } })).name, { timeout: 5_000 }).toBe("App B (watched)");
    } finally {
      watcher.close();
    }
  });
});
