import { from as copyFrom } from "pg-copy-streams";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { db } from "@/lib/db";
import { ingestSamples } from "@/lib/ingest/ingest-samples";
import { ensurePartitions } from "@/lib/metrics/ensure-partitions";
import { METRIC, formatLabels, type StoredSample } from "@/lib/metrics/sample";
import { writeSamples } from "@/lib/metrics/write-samples";
import { withPg } from "@/bench/bench-database";

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

/** Samples/s through the project's write path, its HTTP ingest function, and PostgreSQL COPY. */
export async function benchIngest(url: string) {
  const target = await db.target.create({ data: { slug: "bench-ingest", name: "Ingest", baseUrl: "http://127.0.0.1:9" } });
  const now = Date.now();
  const samples = makeSamples(target.id, SAMPLES, now);
  await ensurePartitions({ db, from: samples.at(-1)!.timestamp, to: samples[0].timestamp });

  const csv = samples.map((s) => `${s.targetId}\t${s.metricName}\t${s.labels}\t${s.timestamp.toISOString()}\t${s.valueMb}\n`).join("");
  const methods = {
    write: () => writeSamples({ samples }),
    ingest: async () => {
      for (let i = 0; i < samples.length; i += 10_000) {
        await ingestSamples({ targetId: target.id, samples: samples.slice(i, i + 10_000), ignored: 0, now: new Date(now) });
      }
    },
    copy: () =>
      withPg(url, (client) =>
        pipeline(Readable.from([csv]), client.query(copyFrom('COPY metrics (target_id, metric_name, labels, "timestamp", memory_used_mb) FROM STDIN'))),
      ),
  };
  // Interleaved rounds, median per method: one slow round (a checkpoint, another process) does
  // not decide the ratio.
  const seconds: Record<keyof typeof methods, number[]> = { write: [], ingest: [], copy: [] };
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
  const rate = (seconds: number) => Math.round(SAMPLES / seconds);
  return {
    bench: "ingest",
    samples: SAMPLES,
    rounds: ROUNDS,
    write_samples_per_s: rate(writeSeconds),
    ingest_path_samples_per_s: rate(ingestSeconds),
    copy_samples_per_s: rate(copySeconds),
    write_to_copy_ratio: Math.round((copySeconds / writeSeconds) * 100) / 100,
    ingest_path_to_copy_ratio: Math.round((copySeconds / ingestSeconds) * 100) / 100,
    target_ratio: 0.5,
  };
}
