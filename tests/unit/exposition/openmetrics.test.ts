import { describe, expect, it } from "vitest";
import { parsePrometheus, PrometheusParseError } from "@/lib/target-api/parse-prometheus";

describe("parsePrometheus with OpenMetrics 1.0 text", () => {
  it("reads # EOF-terminated text: seconds timestamps, exemplars dropped, OpenMetrics types, escaped labels", () => {
    const text = [
      "# TYPE process_resident_memory_bytes gauge",
      "# UNIT process_resident_memory_bytes bytes",
      "# HELP process_resident_memory_bytes Resident memory size in bytes.",
      "process_resident_memory_bytes 8.8e+07 1520879607.789",
      "# TYPE http_requests counter",
      'http_requests_total{path="/a \\"b\\" \\\\c\\nd",code="200"} 17 # {trace_id="KOO5S4vxi0o"} 0.67 1520879602.890',
      "http_requests_created 1520872607.123",
      "# TYPE build info",
      'build_info{version="1.2"} 1',
      "# TYPE queue gaugehistogram",
      'queue_gbucket{le="+Inf"} 3',
      "# TYPE mystery unknown",
      "mystery NaN",
      "# EOF",
      "",
    ].join("\n");
    const samples = parsePrometheus(text);
    expect(samples[0]).toEqual({ name: "process_resident_memory_bytes", labels: {}, value: 88_000_000, timestampMs: 1520879607789 });
    expect(samples[1]).toEqual({ name: "http_requests_total", labels: { path: '/a "b" \\c\nd', code: "200" }, value: 17 });
    expect(samples.map((s) => s.name)).toEqual(["process_resident_memory_bytes", "http_requests_total", "http_requests_created", "build_info", "queue_gbucket", "mystery"]);
  });

  it.each([
    ["up 1\n# EOF\nup 2\n", "line 3: text after # EOF"],
    // Text format 0.0.4 has no exemplars.
    ["up 1 # {a=\"b\"} 1\n", 'line 1: unexpected text "{a="b"}" after the timestamp'],
    ["up 1 12.5\n# EOF\n", undefined],
    ["up 1 12.5\n", 'line 1: timestamp "12.5" is not integer milliseconds'],
  ])("%j", (text, error) => {
    if (error === undefined) expect(parsePrometheus(text)).toEqual([{ name: "up", labels: {}, value: 1, timestampMs: 12_500 }]);
    else expect(() => parsePrometheus(text)).toThrow(new PrometheusParseError(Number(/line (\d+)/.exec(error)![1]), error.replace(/^line \d+: /, "")));
  });

  it("reads NaN and Inf in any case, as Prometheus (Go's ParseFloat) does: prom-client writes Nan", () => {
    expect(parsePrometheus("a Nan\nb nan\nc -inf\nd +Infinity\n").map((s) => s.value)).toEqual([Number.NaN, Number.NaN, -Infinity, Infinity]);
  });

  it("refuses text that claims to be OpenMetrics without # EOF", () => {
    expect(() => parsePrometheus("up 1\n", { openMetrics: true })).toThrow(/must end with # EOF/);
  });
});
