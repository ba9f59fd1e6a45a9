import type { MemoryMapping } from "@/lib/targets/target-definition";

/** A Prometheus series at one instant, as a scrape or one timestamp of a remote_write batch has it. */
export type SeriesValue = { name: string; labels: Record<string, string>; value: number };

export type MemoryFigures = {
  usedMb: number;
  limitMb: number | null;
  /** Stored as component.memory.used{component=…}: heap figures, containers. */
  components: Record<string, number>;
  /** Where the used figure came from, in the source's own names. */
  usedFrom: string;
  limitFrom: string | null;
};

export type FiguresResult = { ok: true; figures: MemoryFigures } | { ok: false; reason: string };

const MB = 1024 * 1024;

type Picked = { total: number; count: number; series: SeriesValue[] };

function pick(values: readonly SeriesValue[], name: string, matchLabels: Record<string, string>): Picked {
  const series = values.filter((v) => v.name === name && Number.isFinite(v.value) && Object.entries(matchLabels).every(([k, want]) => v.labels[k] === want));
  return { total: series.reduce((sum, s) => sum + s.value, 0), count: series.length, series };
}

const describeMatch = (name: string, matchLabels: Record<string, string>) => {
  const entries = Object.entries(matchLabels);
  return entries.length ? `${name}{${entries.map(([k, v]) => `${k}="${v}"`).join(",")}}` : name;
};

function missing(name: string, mapping: MemoryMapping, values: readonly SeriesValue[], hint: string): FiguresResult {
  return { ok: false, reason: `No ${describeMatch(name, mapping.matchLabels)} among the ${values.length} series it answered with${hint ? ` (${hint})` : ""}.` };
}

// Heap figures of the common clients, shown as components of the resident set.
const PROCESS_COMPONENTS: [string, string][] = [
  ["nodejs_heap_size_used_bytes", "heap"],
  ["nodejs_external_memory_bytes", "external"],
  ["go_memstats_heap_inuse_bytes", "heap"],
  ["go_memstats_stack_inuse_bytes", "stack"],
];

function readProcess(values: readonly SeriesValue[], mapping: MemoryMapping): FiguresResult {
  const rss = pick(values, "process_resident_memory_bytes", mapping.matchLabels);
  if (rss.count === 0) return missing("process_resident_memory_bytes", mapping, values, "prom-client: collectDefaultMetrics(); Go and Python clients export it by default");
  const components: Record<string, number> = {};
  for (const [name, component] of PROCESS_COMPONENTS) {
    const part = pick(values, name, mapping.matchLabels);
    if (part.count > 0 && components[component] === undefined) components[component] = part.total / MB;
  }
  const usedMb = rss.total / MB;
  const parts = Object.values(components).reduce((sum, v) => sum + v, 0);
  if (parts > 0 && usedMb >= parts) components.other = usedMb - parts;
  return { ok: true, figures: { usedMb, limitMb: null, components, usedFrom: "process_resident_memory_bytes", limitFrom: null } };
}

function readNodeExporter(values: readonly SeriesValue[], mapping: MemoryMapping, knownLimitMb: number | null): FiguresResult {
  const total = pick(values, "node_memory_MemTotal_bytes", mapping.matchLabels);
  const available = pick(values, "node_memory_MemAvailable_bytes", mapping.matchLabels);
  if (available.count === 0) return missing("node_memory_MemAvailable_bytes", mapping, values, "node_exporter's meminfo collector, Linux 3.14 or later");
  // remote_write may send MemTotal in another request than MemAvailable; it seldom changes.
  const totalMb = total.count > 0 ? total.total / MB : knownLimitMb;
  if (totalMb === null) return missing("node_memory_MemTotal_bytes", mapping, values, "node_exporter's meminfo collector");
  return {
    ok: true,
    figures: {
      usedMb: totalMb - available.total / MB,
      limitMb: total.count > 0 ? totalMb : null,
      components: {},
      usedFrom: "node_memory_MemTotal_bytes − node_memory_MemAvailable_bytes",
      limitFrom: total.count > 0 ? "node_memory_MemTotal_bytes" : null,
    },
  };
}

/** A container's name in cAdvisor's labels: `container` (with its pod on Kubernetes), or Docker's `name`. */
function containerOf(labels: Record<string, string>): string | null {
  const container = labels.container || labels.name || "";
  if (!container || container === "POD") return null;
  return labels.pod ? `${labels.pod}/${container}` : container;
}

function readCadvisor(values: readonly SeriesValue[], mapping: MemoryMapping): FiguresResult {
  const working = pick(values, "container_memory_working_set_bytes", mapping.matchLabels).series.filter((s) => containerOf(s.labels) !== null);
  if (working.length === 0) return missing("container_memory_working_set_bytes", mapping, values, "with a container or name label: is this cAdvisor?");
  const components: Record<string, number> = {};
  for (const s of working) components[containerOf(s.labels)!] = (components[containerOf(s.labels)!] ?? 0) + s.value / MB;
  const limits = new Map<string, number>();
  for (const s of pick(values, "container_spec_memory_limit_bytes", mapping.matchLabels).series) {
    const container = containerOf(s.labels);
    if (container && container in components) limits.set(container, (limits.get(container) ?? 0) + s.value);
  }
  // Like `docker stats`: a container without a limit may use the whole machine.
  const everyLimited = Object.keys(components).every((c) => (limits.get(c) ?? 0) > 0);
  const machine = pick(values, "machine_memory_bytes", {});
  const limitMb = everyLimited ? [...limits.values()].reduce((a, b) => a + b, 0) / MB : machine.count > 0 ? machine.total / MB : null;
  const limitFrom = everyLimited ? "container_spec_memory_limit_bytes" : machine.count > 0 ? "machine_memory_bytes (a container has no limit)" : null;
  const usedMb = Object.values(components).reduce((a, b) => a + b, 0);
  return { ok: true, figures: { usedMb, limitMb, components, usedFrom: "container_memory_working_set_bytes", limitFrom } };
}

function readExplicit(values: readonly SeriesValue[], mapping: MemoryMapping & { usedMetric: string }): FiguresResult {
  const used = pick(values, mapping.usedMetric, mapping.matchLabels);
  if (used.count === 0) return missing(mapping.usedMetric, mapping, values, "");
  const limit = mapping.limitMetric ? pick(values, mapping.limitMetric, mapping.matchLabels) : null;
  return {
    ok: true,
    figures: {
      usedMb: used.total / MB,
      limitMb: limit && limit.count > 0 && limit.total > 0 ? limit.total / MB : null,
      components: {},
      usedFrom: describeMatch(mapping.usedMetric, mapping.matchLabels),
      limitFrom: limit && limit.count > 0 ? describeMatch(mapping.limitMetric!, mapping.matchLabels) : null,
    },
  };
}

/**
 * The memory figures of one instant of Prometheus series, read the target's way: a preset
 * (process, node-exporter, cadvisor) or explicit metric names, in bytes; stored in MB.
 * `knownLimitMb` stands in for node-exporter's MemTotal when a batch lacks it.
 */
export function readMemoryFigures(options: { values: readonly SeriesValue[]; mapping: MemoryMapping; knownLimitMb?: number | null }): FiguresResult {
  const { values, mapping } = options;
  if (mapping.preset === "process") return readProcess(values, mapping);
  if (mapping.preset === "node-exporter") return readNodeExporter(values, mapping, options.knownLimitMb ?? null);
  if (mapping.preset === "cadvisor") return readCadvisor(values, mapping);
  if (mapping.usedMetric) return readExplicit(values, { ...mapping, usedMetric: mapping.usedMetric });
  return { ok: false, reason: "The target has neither a preset nor used_metric." };
}
