import type { ParsedSample } from "@/lib/ingest/parse-ingest-body";
import { readMemoryFigures, type SeriesValue } from "@/lib/exposition/read-memory-figures";
import { samplesFromFigures } from "@/lib/exposition/samples-from-figures";
import { memorySampleFromPrometheus } from "@/lib/metrics/prometheus-names";
import { formatLabels } from "@/lib/metrics/sample";
import type { MemoryMapping } from "@/lib/targets/target-definition";
import type { WriteSeries } from "@/lib/remote-write/decode-write-request";

export type MappedWrite = {
  samples: ParsedSample[];
  /** Series values that are not memory figures of this target (or NaN/Inf). */
  ignored: number;
  /** Prometheus's stale markers: the end of a series, never a value to store. */
  stale: number;
  /** The newest limit the batch reports (node-exporter's MemTotal, cAdvisor's limits, limit_metric). */
  reportedLimitMb: number | null;
};

const withoutName = (labels: Record<string, string>) => Object.fromEntries(Object.entries(labels).filter(([k]) => k !== "__name__"));

/**
 * Maps remote_write series to stored samples the way scraping maps them: through the target's
 * preset or metric names, one reading per timestamp; a target without a mapping stores memory
 * gauges in bytes by name, as the ingest API's Prometheus text does.
 */
export function samplesFromWriteRequest(options: { series: WriteSeries[]; mapping: MemoryMapping | null; knownLimitMb: number | null }): MappedWrite {
  const out: MappedWrite = { samples: [], ignored: 0, stale: 0, reportedLimitMb: null };
  const byTime = new Map<number, SeriesValue[]>();
  for (const series of options.series) {
    const name = series.labels.__name__ ?? "";
    const labels = withoutName(series.labels);
    for (const sample of series.samples) {
      if (sample.stale) out.stale += 1;
      else if (!Number.isFinite(sample.value)) out.ignored += 1;
      else if (options.mapping) {
        const values = byTime.get(sample.timestampMs) ?? [];
        values.push({ name, labels, value: sample.value });
        byTime.set(sample.timestampMs, values);
      } else {
        const memory = memorySampleFromPrometheus(name, sample.value);
        if (!memory) out.ignored += 1;
        else out.samples.push({ ...memory, labels: formatLabels(labels), timestamp: new Date(sample.timestampMs) });
      }
    }
  }
  if (!options.mapping) return out;
  let newest = -Infinity;
  for (const [t, values] of [...byTime].sort(([a], [b]) => a - b)) {
    const read = readMemoryFigures({ values, mapping: options.mapping, knownLimitMb: options.knownLimitMb });
    if (!read.ok) {
      out.ignored += values.length;
      continue;
    }
    out.samples.push(...samplesFromFigures({ figures: read.figures, timestamp: new Date(t) }));
    if (read.figures.limitMb !== null && t > newest) {
      newest = t;
      out.reportedLimitMb = read.figures.limitMb;
    }
  }
  return out;
}
