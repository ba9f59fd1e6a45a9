/** One memory sample as stored: `labels` is the canonical label set (`{component="cache"}`), '' for totals. */
export type StoredSample = {
  targetId: number;
  metricName: string;
  labels: string;
  timestamp: Date;
  valueMb: number;
};

// Metric names Headroom writes from scrapes; pushes may add their own.
export const METRIC = {
  systemUsed: "system.memory.used",
  componentUsed: "component.memory.used",
  consumerUsed: "consumer.memory.used",
  agentUsed: "agent.memory.used",
  agentBeliefs: "agent.belief_state.size",
} as const;

/** Canonical Prometheus-style label text, keys sorted, so equal label sets compare equal. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const entries = Object.entries(labels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0) return "";
  const escape = (v: string) => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
  return `{${entries.map(([k, v]) => `${k}="${escape(v)}"`).join(",")}}`;
}

/** The value of one label in canonical label text (`{component="cache",name="x"}`), or null. */
export function labelValue(labels: string, key: string): string | null {
  const match = new RegExp(`(?:^\\{|,)${key}="((?:[^"\\\\]|\\\\.)*)"`).exec(labels);
  return match ? match[1].replace(/\\n/g, "\n").replace(/\\"/g, '"').replace(/\\\\/g, "\\") : null;
}
