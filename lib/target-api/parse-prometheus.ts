import { z } from "zod";

export const prometheusSampleSchema = z.object({
  name: z.string(),
  labels: z.record(z.string(), z.string()),
  value: z.number(),
  timestampMs: z.int().optional(),
});
export type PrometheusSample = z.infer<typeof prometheusSampleSchema>;

export class PrometheusParseError extends Error {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = "PrometheusParseError";
  }
}

const metricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*/;
// 0.0.4's types and OpenMetrics 1.0's (unknown, gaugehistogram, stateset, info).
const metricTypes = new Set(["counter", "gauge", "histogram", "summary", "untyped", "unknown", "gaugehistogram", "stateset", "info"]);
const decimal = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const escapes: Record<string, string> = { "\\": "\\", '"': '"', n: "\n" };

/**
 * Parses Prometheus text exposition format 0.0.4 or OpenMetrics 1.0 text (recognised by its
 * closing `# EOF`: timestamps in seconds, exemplars after ` # `), rejecting anything a
 * Prometheus scrape would reject. Exemplars are dropped: Headroom stores the sample's value.
 */
export function parsePrometheus(text: string, options: { openMetrics?: boolean } = {}): PrometheusSample[] {
  const lines = text.split("\n");
  const eof = lines.findIndex((line) => line.replace(/\r$/, "") === "# EOF");
  const openMetrics = options.openMetrics ?? eof !== -1;
  if (openMetrics && eof === -1) throw new PrometheusParseError(lines.length, "OpenMetrics text must end with # EOF");
  if (eof !== -1 && lines.slice(eof + 1).some((line) => line.trim() !== "")) throw new PrometheusParseError(eof + 2, "text after # EOF");
  const samples: PrometheusSample[] = [];
  const typed = new Set<string>();
  const helped = new Set<string>();
  const sampledNames = new Set<string>();
  const series = new Set<string>();
  (eof === -1 ? lines : lines.slice(0, eof)).forEach((raw, index) => {
    const lineNo = index + 1;
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line.trim() === "") return;
    if (line.startsWith("#")) {
      parseComment(line, lineNo, { typed, helped, sampledNames });
      return;
    }
    const sample = parseSample(line, lineNo, openMetrics);
    const key = `${sample.name}${JSON.stringify(Object.entries(sample.labels).sort())}`;
    if (series.has(key)) throw new PrometheusParseError(lineNo, `duplicate series ${sample.name}${formatLabels(sample.labels)}`);
    series.add(key);
    sampledNames.add(sample.name);
    samples.push(sample);
  });
  return samples;
}

type Seen = { typed: Set<string>; helped: Set<string>; sampledNames: Set<string> };

function parseComment(line: string, lineNo: number, seen: Seen): void {
  const match = /^#\s+(HELP|TYPE)\s+(\S+)(?:\s+(.*))?$/.exec(line);
  if (!match) return;
  const [, keyword, name, rest = ""] = match;
  if (!metricName.test(name) || metricName.exec(name)![0] !== name) {
    throw new PrometheusParseError(lineNo, `invalid metric name "${name}" in # ${keyword}`);
  }
  if (keyword === "HELP") {
    if (seen.helped.has(name)) throw new PrometheusParseError(lineNo, `second # HELP for ${name}`);
    seen.helped.add(name);
    return;
  }
  if (!metricTypes.has(rest.trim())) {
    throw new PrometheusParseError(lineNo, `unknown metric type "${rest.trim()}" for ${name}`);
  }
  if (seen.typed.has(name)) throw new PrometheusParseError(lineNo, `second # TYPE for ${name}`);
  if (seen.sampledNames.has(name)) throw new PrometheusParseError(lineNo, `# TYPE for ${name} after its samples`);
  seen.typed.add(name);
}

function parseSample(line: string, lineNo: number, openMetrics: boolean): PrometheusSample {
  const nameMatch = metricName.exec(line);
  if (!nameMatch) throw new PrometheusParseError(lineNo, `expected a metric name, got "${line.slice(0, 40)}"`);
  const name = nameMatch[0];
  let rest = line.slice(name.length);
  let labels: Record<string, string> = {};
  if (rest.startsWith("{")) {
    const parsed = parseLabels(rest, lineNo, name);
    labels = parsed.labels;
    rest = rest.slice(parsed.length);
  }
  if (!/^[ \t]/.test(rest)) throw new PrometheusParseError(lineNo, `expected a space and a value after ${name}`);
  // An exemplar (`value [timestamp] # {trace_id="…"} 0.5`) follows the sample after " # ".
  const exemplar = openMetrics ? rest.indexOf(" # ") : -1;
  if (exemplar !== -1) rest = rest.slice(0, exemplar);
  const fields = rest.trim().split(/[ \t]+/);
  if (fields.length > 2) throw new PrometheusParseError(lineNo, `unexpected text "${fields[2]}" after the timestamp`);
  const sample: PrometheusSample = { name, labels, value: parseValue(fields[0], lineNo) };
  if (fields.length === 2) sample.timestampMs = parseTimestamp(fields[1], lineNo, openMetrics);
  return sample;
}

function parseLabels(text: string, lineNo: number, metric: string): { labels: Record<string, string>; length: number } {
  const labels: Record<string, string> = {};
  let i = 1;
  const fail = (reason: string): never => {
    throw new PrometheusParseError(lineNo, `${reason} in the labels of ${metric}`);
  };
  for (;;) {
    while (text[i] === " ") i += 1;
    if (text[i] === "}") return { labels, length: i + 1 };
    const nameMatch = labelName.exec(text.slice(i));
    if (!nameMatch) fail(`expected a label name at column ${i + 1}`);
    const label = nameMatch![0];
    i += label.length;
    if (text[i] !== "=" || text[i + 1] !== '"') fail(`expected ="..." after label ${label}`);
    i += 2;
    let value = "";
    while (text[i] !== '"') {
      if (i >= text.length) fail(`unterminated value of label ${label}`);
      if (text[i] === "\\") {
        const escaped = escapes[text[i + 1]];
        if (escaped === undefined) fail(`invalid escape \\${text[i + 1] ?? ""} in label ${label}`);
        value += escaped;
        i += 2;
      } else {
        value += text[i];
        i += 1;
      }
    }
    i += 1;
    if (label in labels) fail(`duplicate label ${label}`);
    labels[label] = value;
    if (text[i] === ",") i += 1;
    else if (text[i] !== "}") fail(`expected "," or "}" after label ${label}`);
  }
}

function parseTimestamp(text: string, lineNo: number, openMetrics: boolean): number {
  if (openMetrics) {
    if (!decimal.test(text)) throw new PrometheusParseError(lineNo, `timestamp "${text}" is not a number of seconds`);
    return Math.round(Number(text) * 1000);
  }
  if (!/^-?\d+$/.test(text)) throw new PrometheusParseError(lineNo, `timestamp "${text}" is not integer milliseconds`);
  return Number(text);
}

// As Go's strconv.ParseFloat, which Prometheus uses: NaN and Inf in any case (prom-client writes "Nan").
function parseValue(text: string, lineNo: number): number {
  if (/^nan$/i.test(text)) return Number.NaN;
  if (/^[+-]?inf(inity)?$/i.test(text)) return text.startsWith("-") ? -Infinity : Infinity;
  if (!decimal.test(text)) throw new PrometheusParseError(lineNo, `value "${text}" is not a number`);
  return Number(text);
}

function formatLabels(labels: Record<string, string>): string {
  const entries = Object.entries(labels);
  return entries.length ? `{${entries.map(([k, v]) => `${k}="${v}"`).join(",")}}` : "";
}
