import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";

function dirBytes(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    const stat = statSync(file);
    total += stat.isDirectory() ? dirBytes(file) : stat.size;
  }
  return total;
}

/** Persisted blocks only (ULID directories: chunks, index, meta), not the WAL or head. */
function prometheusBytes(dataDir: string): { blocks: number; chunks: number } {
  let blocks = 0;
  let chunks = 0;
  for (const name of readdirSync(dataDir)) {
    if (!/^[0-9A-Z]{26}$/.test(name)) continue;
    blocks += dirBytes(path.join(dataDir, name));
    chunks += dirBytes(path.join(dataDir, name, "chunks"));
  }
  return { blocks, chunks };
}

type Sizes = { rows: bigint; heap: bigint; indexes: bigint; total: bigint };

/**
 * Bytes per stored sample of one series, Headroom (raw partitions, minute maxima and 5-minute
 * rollups, heap and indexes,
 * after VACUUM) beside Prometheus's blocks for the same series. The caller makes sure the tables
 * hold only that series.
 */
export async function measureStorage(options: { targetId: number; prometheusDataDir: string }) {
  const [raw] = await db.$queryRaw<Sizes[]>`
    SELECT (SELECT count(*) FROM metrics WHERE target_id = ${options.targetId}) AS rows,
           coalesce(sum(pg_table_size(i.inhrelid)), 0)::bigint AS heap,
           coalesce(sum(pg_indexes_size(i.inhrelid)), 0)::bigint AS indexes,
           coalesce(sum(pg_total_relation_size(i.inhrelid)), 0)::bigint AS total
    FROM pg_inherits i WHERE i.inhparent = 'metrics'::regclass`;
  const [rollup] = await db.$queryRaw<Sizes[]>`
    SELECT (SELECT count(*) FROM metric_rollups_5m WHERE target_id = ${options.targetId}) AS rows,
           pg_table_size('metric_rollups_5m')::bigint AS heap,
           pg_indexes_size('metric_rollups_5m')::bigint AS indexes,
           pg_total_relation_size('metric_rollups_5m')::bigint AS total`;
  const [minute] = await db.$queryRaw<Sizes[]>`
    SELECT (SELECT count(*) FROM memory_rollups_1m WHERE target_id = ${options.targetId}) AS rows,
           pg_table_size('memory_rollups_1m')::bigint AS heap,
           pg_indexes_size('memory_rollups_1m')::bigint AS indexes,
           pg_total_relation_size('memory_rollups_1m')::bigint AS total`;
  const rawRows = Number(raw.rows);
  const per = (bytes: bigint | number, rows: number) => Math.round((Number(bytes) / rows) * 10) / 10;
  const prom = prometheusBytes(options.prometheusDataDir);
  return {
    samples: rawRows,
    headroom_raw_bytes_per_sample: per(raw.total, rawRows),
    headroom_raw_heap_bytes_per_sample: per(raw.heap, rawRows),
    headroom_raw_index_bytes_per_sample: per(raw.indexes, rawRows),
    headroom_rollup_rows: Number(rollup.rows),
    headroom_rollup_bytes_per_row: per(rollup.total, Number(rollup.rows)),
    // A rollup row stands for 20 raw samples at 15 s: what long-term storage costs per sample scraped.
    headroom_rollup_bytes_per_raw_sample: per(rollup.total, rawRows),
    // Minute maxima of total memory (kept as long as raw samples): four raw samples per row at 15 s.
    headroom_minute_rollup_rows: Number(minute.rows),
    headroom_minute_rollup_bytes_per_raw_sample: per(minute.total, rawRows),
    prometheus_block_bytes_per_sample: per(prom.blocks, rawRows),
    prometheus_chunk_bytes_per_sample: per(prom.chunks, rawRows),
  };
}
