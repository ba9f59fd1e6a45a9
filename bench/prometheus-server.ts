import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { MemoryPoint } from "@/lib/metrics/memory-point";
import { runBenchChild, startBenchChild } from "@/bench/bench-child";
import { stopChild } from "@/supervisor/children";
import { freePort } from "@/tests/support/free-port";

export type PrometheusServer = { url: string; pid: number; dataDir: string; close(): Promise<void> };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The series as OpenMetrics text (timestamps in seconds), the format promtool backfills from. */
export function toOpenMetrics(metric: string, points: readonly MemoryPoint[], bytesOf: (p: MemoryPoint) => number): string {
  const lines = [`# TYPE ${metric} gauge`];
  for (const p of points) lines.push(`${metric} ${bytesOf(p)} ${(p.t / 1000).toFixed(3)}`);
  lines.push("# EOF", "");
  return lines.join("\n");
}

/** A metric of Prometheus's own, summed over its series (2.42 labels some by sample type), or null when absent. */
export async function gauge(url: string, name: string): Promise<number | null> {
  const text = await fetch(`${url}/metrics`).then((r) => r.text(), () => "");
  const lines = text.split("\n").filter((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return lines.length > 0 ? lines.reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(" ") + 1)), 0) : null;
}

/**
 * Debian's Prometheus 2.42 on loopback, holding `openMetrics` backfilled by promtool. Waits
 * until its start-up compaction of the backfilled 2-hour blocks has settled, so the reads see
 * the blocks a long-running Prometheus would have, and nothing compacts during them. Without
 * `openMetrics` it starts empty, as a remote_write receiver (`POST /api/v1/write`).
 */
export async function startPrometheus(options: { workDir: string; openMetrics?: string; log?: (line: string) => void }): Promise<PrometheusServer> {
  const log = options.log ?? (() => {});
  rmSync(options.workDir, { recursive: true, force: true });
  const dataDir = path.join(options.workDir, "data");
  mkdirSync(dataDir, { recursive: true });
  const config = path.join(options.workDir, "prometheus.yml");
  writeFileSync(config, "global:\n  scrape_interval: 15s\n");
  if (options.openMetrics !== undefined) {
    const input = path.join(options.workDir, "series.om");
    writeFileSync(input, options.openMetrics);
    await runBenchChild("promtool", "/usr/bin/promtool", ["tsdb", "create-blocks-from", "openmetrics", "-q", input, dataDir], process.env);
    rmSync(input);
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = startBenchChild("prometheus", "/usr/bin/prometheus", [
    `--config.file=${config}`,
    `--storage.tsdb.path=${dataDir}`,
    `--web.listen-address=127.0.0.1:${port}`,
    "--storage.tsdb.retention.time=3650d",
    "--log.level=warn",
    ...(options.openMetrics === undefined ? ["--web.enable-remote-write-receiver"] : []),
  ], process.env);
  const close = () => stopChild(child);
  try {
    for (let i = 0; ; i++) {
      if (await fetch(`${url}/-/ready`).then((r) => r.ok, () => false)) break;
      if (i > 300 || child.process.exitCode !== null) throw new Error("prometheus did not become ready");
      await sleep(200);
    }
    if (options.openMetrics === undefined) return { url, pid: child.process.pid!, dataDir, close };
    // Prometheus compacts about a minute after start; wait for that, then for the block count to hold.
    let last = -1;
    let stable = 0;
    for (let waited = 0; waited < 240_000 && stable < 3; waited += 5_000) {
      await sleep(5_000);
      const compactions = (await gauge(url, "prometheus_tsdb_compactions_total")) ?? 0;
      const blocks = (await gauge(url, "prometheus_tsdb_blocks_loaded")) ?? -1;
      stable = compactions > 0 && blocks === last ? stable + 1 : 0;
      last = blocks;
    }
    log(`prometheus ready with ${last} blocks`);
  } catch (error) {
    await close();
    throw error;
  }
  return { url, pid: child.process.pid!, dataDir, close };
}

/** Bytes of the persisted blocks' chunk files (the samples), and of the whole data directory. */
export function prometheusBlockBytes(dataDir: string): { chunks: number; total: number } {
  let chunks = 0;
  let total = 0;
  const walk = (dir: string, inChunks: boolean) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      const stat = statSync(file);
      if (stat.isDirectory()) walk(file, inChunks || name === "chunks");
      else {
        total += stat.size;
        if (inChunks) chunks += stat.size;
      }
    }
  };
  walk(dataDir, false);
  return { chunks, total };
}
