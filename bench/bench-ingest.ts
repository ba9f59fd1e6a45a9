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

const SAMPLES = 200_000;
const ROUNDS = 3;

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
 * Samples/s through the project's write path, its ingest function, the HTTP ingest API (one
 * client, 10,000 samples per request), and PostgreSQL COPY. remote_write (issue 13) joins here.
 */
export async function benchIngest(options: { url: string; web: HeadroomWeb }) {
  const { url, web } = options;
  const target = await db.target.create({ data: { slug: "bench-ingest", name: "Ingest", baseUrl: "http://127.0.0.1:9", enabled: false } });
  const { token } = await createIngestToken({ targetId: target.id, name: "bench", actor: await benchAdmin() });
  const now = Date.now();
  const samples = makeSamples(target.id, SAMPLES, now);
  const bodies = toBodies(samples);
  await ensurePartitions({ db, from: samples.at(-1)!.timestamp, to: samples[0].timestamp });

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
    copy: () =>
      withPg(url, (client) =>
        pipeline(Readable.from([csv]), client.query(copyFrom('COPY metrics (target_id, metric_name, labels, "timestamp", memory_used_mb) FROM STDIN'))),
      ),
  };
  // Interleaved rounds, median per method: one slow round (a checkpoint, another process) does
  // not decide the ratio.
  const seconds: Record<keyof typeof methods, number[]> = { write: [], ingest: [], http: [], copy: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of Object.keys(methods) as (keyof typeof methods)[]) {
      const start = performance.now();
      await methods[name]();
      seconds[name].push((performance.now() - start) / 1000);
      await truncate();
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const writeSeconds = median(seconds.write);
  const ingestSeconds = median(seconds.ingest);
  const copySeconds = median(seconds.copy);
  const httpSeconds = median(seconds.http);
  const rate = (seconds: number) => Math.round(SAMPLES / seconds);
  return {
    bench: "ingest",
    samples: SAMPLES,
    rounds: ROUNDS,
    write_samples_per_s: rate(writeSeconds),
    ingest_path_samples_per_s: rate(ingestSeconds),
    http_api_samples_per_s: rate(httpSeconds),
    copy_samples_per_s: rate(copySeconds),
    remote_write_samples_per_s: null, // POST /api/v1/write arrives with issue 13
    write_to_copy_ratio: Math.round((copySeconds / writeSeconds) * 100) / 100,
    ingest_path_to_copy_ratio: Math.round((copySeconds / ingestSeconds) * 100) / 100,
    http_api_to_copy_ratio: Math.round((copySeconds / httpSeconds) * 100) / 100,
    target_ratio: 0.5,
  };
}
