import { describe, expect, it } from "vitest";
import { parseTargetsFile } from "@/lib/provisioning/parse-targets-file";

const parse = (text: string) => parseTargetsFile({ text, fileName: "targets.yaml" });

describe("parseTargetsFile", () => {
  it("reads every kind, with presets, explicit metric names and label matchers", () => {
    const result = parse(`
targets:
  - { slug: api, name: FreeAgentics API, kind: runbook-api, url: "http://10.0.0.5:8000/", memory_limit_mb: 4096 }
  - slug: node-1
    name: Node 1
    kind: prometheus
    url: http://10.0.0.5:9100/metrics
    preset: node-exporter
    scrape_interval_seconds: 30
  - slug: app
    name: App
    kind: prometheus
    url: http://10.0.0.6:8080/metrics
    used_metric: app_memory_bytes
    limit_metric: app_memory_limit_bytes
    match_labels: { env: prod, shard: 1 }
  - { slug: pushed, name: Pushed, kind: push, preset: process, memory_limit_mb: 2048, enabled: false }
`);
    expect(result).toEqual({
      ok: true,
      targets: [
        { slug: "api", name: "FreeAgentics API", kind: "runbook-api", baseUrl: "http://10.0.0.5:8000", mapping: null, configuredMemoryLimitMb: 4096, scrapeIntervalSeconds: 15, enabled: true },
        { slug: "node-1", name: "Node 1", kind: "prometheus", baseUrl: "http://10.0.0.5:9100/metrics", mapping: { preset: "node-exporter", usedMetric: null, limitMetric: null, matchLabels: {} }, configuredMemoryLimitMb: null, scrapeIntervalSeconds: 30, enabled: true },
        { slug: "app", name: "App", kind: "prometheus", baseUrl: "http://10.0.0.6:8080/metrics", mapping: { preset: null, usedMetric: "app_memory_bytes", limitMetric: "app_memory_limit_bytes", matchLabels: { env: "prod", shard: "1" } }, configuredMemoryLimitMb: null, scrapeIntervalSeconds: 15, enabled: true },
        { slug: "pushed", name: "Pushed", kind: "push", baseUrl: "", mapping: { preset: "process", usedMetric: null, limitMetric: null, matchLabels: {} }, configuredMemoryLimitMb: 2048, scrapeIntervalSeconds: 15, enabled: false },
      ],
    });
  });

  it("names the line and the field of every mistake", () => {
    const result = parse(`targets:
  - slug: web
    name: Web
    kind: promethus
    url: http://x:1/metrics
  - slug: web2
    name: Web 2
    kind: prometheus
    url: http://x:1/metrics
    preset: process
    scrape_intervall: 10
  - slug: Bad Slug
    name: P
    kind: push
    url: http://x:1/metrics
    memory_limit_mb: 2048
`);
    expect(result).toEqual({
      ok: false,
      errors: [
        "targets.yaml line 4, targets[0].kind: must be runbook-api, prometheus or push",
        "targets.yaml line 11, targets[1].scrape_intervall: is not a field Headroom knows (check its spelling)",
        "targets.yaml line 6, targets[1].memory_limit_mb: is required: the process preset reports no limit",
        "targets.yaml line 12, targets[2].slug: must be lower-case letters, digits and dashes (up to 63), such as my-api",
        "targets.yaml line 15, targets[2].url: push targets are not scraped: leave url out",
      ],
    });
  });

  it("refuses broken YAML, a missing list and a slug used twice", () => {
    expect(parse("targets:\n  - slug: [a\n")).toMatchObject({ ok: false, errors: [expect.stringMatching(/^targets\.yaml line \d+: /)] });
    expect(parse("")).toEqual({ ok: false, errors: ["targets.yaml line 1, targets: is required: a list of targets"] });
    expect(parse("targets:\n  - { slug: a, name: A, kind: push, memory_limit_mb: 100 }\n  - { slug: a, name: B, kind: push, memory_limit_mb: 100 }\n")).toEqual({
      ok: false,
      errors: ['targets.yaml line 3, targets[1].slug: "a" is already used by targets[0]'],
    });
    expect(parse("targets: []\n")).toEqual({ ok: true, targets: [] });
  });
});
