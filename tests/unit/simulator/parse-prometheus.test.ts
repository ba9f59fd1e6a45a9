import { describe, expect, it } from "vitest";
import { parsePrometheus, PrometheusParseError } from "@/lib/target-api/parse-prometheus";
import { metricsText } from "@/simulator/views/prometheus-view";
import { measureMemory } from "@/simulator/model/measure";
import { T0, warmModel } from "./model-helpers";

describe("parsePrometheus", () => {
  it("reads names, labels with escapes, special values and timestamps", () => {
    const text = [
      "# HELP http_requests_total Requests.",
      "# TYPE http_requests_total counter",
      'http_requests_total{method="post",path="/a \\"b\\"\\\\c\\nd",} 1027 1395066363000',
      "# a plain comment",
      "",
      "up 1",
      "temperature -3.5e2",
      'ratio{kind="nan"} NaN',
      'ratio{kind="inf"} +Inf',
    ].join("\n");
    expect(parsePrometheus(text)).toEqual([
      { name: "http_requests_total", labels: { method: "post", path: '/a "b"\\c\nd' }, value: 1027, timestampMs: 1395066363000 },
      { name: "up", labels: {}, value: 1 },
      { name: "temperature", labels: {}, value: -350 },
      { name: "ratio", labels: { kind: "nan" }, value: Number.NaN },
      { name: "ratio", labels: { kind: "inf" }, value: Infinity },
    ]);
  });

  it.each([
    ["up one", 'line 1: value "one" is not a number'],
    ['up{job="a} 1', "line 1: unterminated value of label job in the labels of up"],
    ['up{job="a",job="b"} 1', "line 1: duplicate label job in the labels of up"],
    ['up{job=a} 1', 'line 1: expected ="..." after label job in the labels of up'],
    ['up{job="a\\q"} 1', "line 1: invalid escape \\q in label job in the labels of up"],
    ["up 1\nup 2", "line 2: duplicate series up"],
    ["up 1\n# TYPE up gauge", "line 2: # TYPE for up after its samples"],
    ["# TYPE up meter", 'line 1: unknown metric type "meter" for up'],
    ["up 1 12.5", 'line 1: timestamp "12.5" is not integer milliseconds'],
    ["up 1 2 3", 'line 1: unexpected text "3" after the timestamp'],
    ["9up 1", 'line 1: expected a metric name, got "9up 1"'],
    ["up", "line 1: expected a space and a value after up"],
  ])("rejects %j", (text, message) => {
    expect(() => parsePrometheus(text)).toThrow(PrometheusParseError);
    expect(() => parsePrometheus(text)).toThrow(message);
  });

  it("reads the simulator's exposition, and its figures agree with the JSON view", () => {
    const state = warmModel("leak");
    const samples = parsePrometheus(metricsText(state));
    const memory = measureMemory(state);
    const total = samples.find((s) => s.name === "freeagentics_system_memory_usage_bytes")!;
    expect(total.value).toBe(Math.round(memory.usedMb * 1024 * 1024));
    const agents = samples.filter((s) => s.name === "freeagentics_agent_memory_usage_bytes");
    expect(agents.map((s) => s.labels.agent_id).sort()).toEqual(state.instance.agents.map((a) => a.id).sort());
    const cache = samples.find((s) => s.name === "freeagentics_component_memory_usage_bytes" && s.labels.component === "cache")!;
    expect(cache.value).toBe(Math.round(memory.components.cache.usedMb * 1024 * 1024));
    expect(state.nowMs).toBe(T0);
  });
});
