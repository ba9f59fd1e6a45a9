import { benchAdmin } from "@/bench/bench-admin";
import { from as copyFrom } from "pg-copy-streams";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { db } from "@/lib/db";
import { ingestSamples } from "@/lib/ingest/ingest-samples";
import { ensurePartitions } from "@/lib/metrics/ensure-partitions";
import { METRIC, formatLabels, type StoredSample } from "@/lib/metrics/sample";
import { writeSamples } from "@/lib/metrics/write-samples";
import { withPg } from "@/bench/bench-database";
import type { HeadroomWeb } from "@/bench/headroom-web";
import { createIngestToken } from "@/lib/ingest/ingest-tokens";
import { MAX_SAMPLES } from "@/lib/ingest/parse-ingest-body";
import { encodeWriteRequest, type WriteSeries } from "@/bench/encode-write-request";
import { existsSync } from "node:fs";
import path from "node:path";
import { gauge, startPrometheus, type PrometheusServer } from "@/bench/prometheus-server";

const SAMPLES = 200_000;
const ROUNDS = 3;
// Prometheus's queue_config.max_samples_per_send default.
const REMOTE_WRITE_BATCH = 2_000;
const BYTES_PER_MB = 1024 * 1024;

function makeSamples(targetId: number, count: number, endMs: number): StoredSample[] {
  const series = 20;
  const out: StoredSample[] = [];
  for (let i = 0; i < count; i++) {
    const step = Math.floor(i / series);
    out.push({
      targetId,
      metricName: i % series === 0 ? METRIC.systemUsed : METRIC.consumerUsed,
      labels: i % series === 0 ? "" : formatLabels({ name: `consumer-${i % series}` }),
      timestamp: new Date(endMs - step * 15_000),
      valueMb: 1000 + (i % 997),
    });
  }
  return out;
}

async function truncate() {
  await db.$executeRawUnsafe("TRUNCATE metrics, metric_rollups_5m");
}

/** JSON bodies of at most MAX_SAMPLES samples each, as a pushing client sends them. */
function toBodies(samples: StoredSample[]): string[] {
  const bodies: string[] = [];
  for (let i = 0; i < samples.length; i += MAX_SAMPLES) {
    const batch = samples.slice(i, i + MAX_SAMPLES).map((s) => ({
      metric: s.metricName,
      ...(s.labels ? { labels: { name: /name="([^"]*)"/.exec(s.labels)![1] } } : {}),
      timestamp: s.timestamp.getTime(),
      value: s.valueMb,
    }));
    bodies.push(JSON.stringify({ samples: batch }));
  }
  return bodies;
}

/**
 * The same samples as remote_write bodies of REMOTE_WRITE_BATCH samples each, under the
 * Prometheus names the target API exports (bytes), which are stored as the same series.
 */
function toWriteBodies(samples: StoredSample[], shiftMs = 0): Uint8Array<ArrayBuffer>[] {
  const bodies: Uint8Array<ArrayBuffer>[] = [];
  for (let i = 0; i < samples.length; i += REMOTE_WRITE_BATCH) {
    const series = new Map<string, WriteSeries>();
    for (const s of samples.slice(i, i + REMOTE_WRITE_BATCH)) {
      const name = /name="([^"]*)"/.exec(s.labels)?.[1];
      const key = name ?? "";
      if (!series.has(key)) {
        series.set(key, {
          labels: name ? { __name__: "freeagentics_consumer_memory_usage_bytes", name } : { __name__: "freeagentics_system_memory_usage_bytes" },
          samples: [],
        });
      }
      series.get(key)!.samples.push({ value: s.valueMb * BYTES_PER_MB, timestampMs: s.timestamp.getTime() + shiftMs });
    }
    // Prometheus sends each series' samples oldest first.
    for (const one of series.values()) one.samples.sort((a, b) => a.timestampMs - b.timestampMs);
    bodies.push(encodeWriteRequest([...series.values()]));
  }
  return bodies;
}

/**
 * Prometheus's own remote_write receiver takes each series' samples in time order only, and no
 * sample more than an hour older than its newest: it is sent the samples oldest first, each round
 * shifted past the previous one, so every round appends new samples as a live sender's would.
 */
function toPrometheusRounds(samples: StoredSample[]): Uint8Array<ArrayBuffer>[][] {
  const ascending = [...samples].sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
  const spanMs = ascending.at(-1)!.timestamp.getTime() - ascending[0].timestamp.getTime() + 15_000;
  return Array.from({ length: ROUNDS }, (_, round) => toWriteBodies(ascending, round * spanMs));
}

/**
 * Samples/s through the project's write path, its ingest function, the HTTP ingest API (one
 * client, 10,000 samples per request), remote_write (`POST /api/v1/write`, snappy protobuf, one
 * client, 2,000 samples per request as Prometheus batches them), PostgreSQL COPY, and the same
 * remote_write bodies into Prometheus 2.42's own receiver (when Debian's package is installed).
 */
export async function benchIngest(options: { url: string; web: HeadroomWeb }) {
  const { url, web } = options;
  const target = await db.target.create({ data: { slug: "bench-ingest", name: "Ingest", baseUrl: "http://127.0.0.1:9", enabled: false } });
  const { token } = await createIngestToken({ targetId: target.id, name: "bench", actor: await benchAdmin() });
  const now = Date.now();
  const samples = makeSamples(target.id, SAMPLES, now);
  const bodies = toBodies(samples);
  const writeBodies = toWriteBodies(samples);
  await ensurePartitions({ db, from: samples.at(-1)!.timestamp, to: samples[0].timestamp });

  const prometheusRounds = existsSync("/usr/bin/prometheus") ? toPrometheusRounds(samples) : null;
  const prometheus: PrometheusServer | null = prometheusRounds ? await startPrometheus({ workDir: path.resolve(".data/bench-prometheus-write") }) : null;
  let prometheusRound = 0;

  const csv = samples.map((s) => `${s.targetId}\t${s.metricName}\t${s.labels}\t${s.timestamp.toISOString()}\t${s.valueMb}\n`).join("");
  const methods = {
    write: () => writeSamples({ samples }),
    ingest: async () => {
      for (let i = 0; i < samples.length; i += 10_000) {
        await ingestSamples({ targetId: target.id, samples: samples.slice(i, i + 10_000), ignored: 0, now: new Date(now) });
      }
    },
    http: async () => {
      for (const body of bodies) {
        const response = await fetch(`${web.url}/api/v1/ingest`, { method: "POST", body, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" } });
        if (!response.ok) throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
      }
    },
    remote_write: async () => {
      let stored = 0;
      for (const body of writeBodies) {
        const response = await fetch(`${web.url}/api/v1/write`, {
          method: "POST",
          body,
          headers: { authorization: `Bearer ${token}`, "content-type": "application/x-protobuf", "content-encoding": "snappy", "x-prometheus-remote-write-version": "0.1.0" },
        });
        if (response.status !== 204) throw new Error(`remote_write answered ${response.status}: ${await response.text()}`);
        stored += Number(response.headers.get("x-headroom-stored"));
      }
      // Samples the mapping ignored would make the rate a lie.
      if (stored !== SAMPLES) throw new Error(`remote_write stored ${stored} of ${SAMPLES} samples`);
    },
    copy: () =>
      withPg(url, (client) =>
        pipeline(Readable.from([csv]), client.query(copyFrom('COPY metrics (target_id, metric_name, labels, "timestamp", memory_used_mb) FROM STDIN'))),
      ),
    prometheus_remote_write: async () => {
      if (!prometheus || !prometheusRounds) return;
      const appended = async () => (await gauge(prometheus.url, "prometheus_tsdb_head_samples_appended_total")) ?? 0;
      const before = await appended();
      for (const body of prometheusRounds[prometheusRound]) {
        const response = await fetch(`${prometheus.url}/api/v1/write`, {
          method: "POST",
          body,
          headers: { "content-type": "application/x-protobuf", "content-encoding": "snappy", "x-prometheus-remote-write-version": "0.1.0" },
        });
        if (response.status !== 204) throw new Error(`Prometheus remote_write answered ${response.status}: ${await response.text()}`);
      }
      prometheusRound += 1;
      const stored = (await appended()) - before;
      if (stored !== SAMPLES) throw new Error(`Prometheus appended ${stored} of ${SAMPLES} samples`);
    },
  };
  // Interleaved rounds, median per method: one slow round (a checkpoint, another process) does
  // not decide the ratio.
  const seconds: Record<keyof typeof methods, number[]> = { write: [], ingest: [], http: [], remote_write: [], copy: [], prometheus_remote_write: [] };
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of Object.keys(methods) as (keyof typeof methods)[]) {
        const start = performance.now();
        await methods[name]();
        seconds[name].push((performance.now() - start) / 1000);
        await truncate();
      }
    }
  } finally {
    await prometheus?.close();
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const writeSeconds = median(seconds.write);
  const ingestSeconds = median(seconds.ingest);
  const copySeconds = median(seconds.copy);
  const httpSeconds = median(seconds.http);
  const remoteWriteSeconds = median(seconds.remote_write);
  const prometheusSeconds = prometheus ? median(seconds.prometheus_remote_write) : null;
  const rate = (seconds: number) => Math.round(SAMPLES / seconds);
  return {
    bench: "ingest",
    samples: SAMPLES,
    rounds: ROUNDS,
    write_samples_per_s: rate(writeSeconds),
    ingest_path_samples_per_s: rate(ingestSeconds),
    http_api_samples_per_s: rate(httpSeconds),
    copy_samples_per_s: rate(copySeconds),
    remote_write_samples_per_s: rate(remoteWriteSeconds),
    remote_write_samples_per_request: REMOTE_WRITE_BATCH,
    write_to_copy_ratio: Math.round((copySeconds / writeSeconds) * 100) / 100,
    ingest_path_to_copy_ratio: Math.round((copySeconds / ingestSeconds) * 100) / 100,
    http_api_to_copy_ratio: Math.round((copySeconds / httpSeconds) * 100) / 100,
    remote_write_to_copy_ratio: Math.round((copySeconds / remoteWriteSeconds) * 100) / 100,
    // null: Debian's prometheus is not installed here.
    prometheus_remote_write_samples_per_s: prometheusSeconds === null ? null : rate(prometheusSeconds),
    remote_write_to_prometheus_ratio: prometheusSeconds === null ? null : Math.round((prometheusSeconds / remoteWriteSeconds) * 100) / 100,
    target_ratio: 0.5,
  };
}
