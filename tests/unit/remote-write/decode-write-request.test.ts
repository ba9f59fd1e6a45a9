import { compress } from "snappyjs";
import { describe, expect, it } from "vitest";
import { decodeWriteRequest, RemoteWriteDecodeError, type WriteSeries } from "@/lib/remote-write/decode-write-request";
import { samplesFromWriteRequest } from "@/lib/remote-write/samples-from-write-request";

// An encoder written from prompb/types.proto, independent of the decoder: the property tests
// encode random WriteRequests (plus fields the decoder must skip) and expect them back.
const varint = (n: number | bigint): number[] => {
  let v = BigInt.asUintN(64, BigInt(n));
  const out: number[] = [];
  do {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v > 0n ? byte | 0x80 : byte);
  } while (v > 0n);
  return out;
};
const field = (number: number, wire: number) => varint(number * 8 + wire);
const bytesField = (number: number, payload: number[]) => [...field(number, 2), ...varint(payload.length), ...payload];
const text = (s: string) => [...new TextEncoder().encode(s)];
const double = (value: number, bits?: bigint) => {
  const view = new DataView(new ArrayBuffer(8));
  if (bits === undefined) view.setFloat64(0, value, true);
  else view.setBigUint64(0, bits, true);
  return [...new Uint8Array(view.buffer)];
};
const STALE = 0x7ff0000000000002n;

function encode(series: (WriteSeries & { staleAt?: number[] })[], extras = false): Uint8Array {
  const out: number[] = [];
  for (const s of series) {
    const ts: number[] = [];
    for (const [name, value] of Object.entries(s.labels)) ts.push(...bytesField(1, [...bytesField(1, text(name)), ...bytesField(2, text(value))]));
    for (const sample of s.samples) {
      ts.push(...bytesField(2, [...field(1, 1), ...double(sample.value, sample.stale ? STALE : undefined), ...field(2, 0), ...varint(sample.timestampMs)]));
    }
    if (extras) ts.push(...bytesField(3, [1, 2, 3]), ...field(9, 0), ...varint(300), ...field(10, 5), 1, 2, 3, 4);
    out.push(...bytesField(1, ts));
  }
  if (extras) out.push(...bytesField(3, text("metadata")), ...field(7, 1), ...double(1.5));
  return new Uint8Array(out);
}

let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T,>(items: T[]) => items[Math.floor(random() * items.length)];

function randomSeries(): WriteSeries[] {
  return Array.from({ length: Math.floor(random() * 5) }, (_, i) => ({
    labels: Object.fromEntries([
      ["__name__", pick(["node_memory_MemTotal_bytes", "up", "ünïcode_🙂"])],
      ["i", String(i)],
      ...Array.from({ length: Math.floor(random() * 3) }, (_, j) => [`l${j}`, pick(["", "a", 'quote " and \\', "x".repeat(300)])]),
    ]),
    samples: Array.from({ length: Math.floor(random() * 4) }, () => {
      const stale = random() < 0.2;
      return { value: stale ? Number.NaN : pick([0, -1.5, 1e300, 2 ** 53, Math.random() * 1e9]), timestampMs: pick([0, -1000, 1_700_000_000_123, 2 ** 52]), stale };
    }),
  }));
}

describe("decodeWriteRequest", () => {
  it("decodes what was encoded, for 300 random WriteRequests, skipping exemplars, histograms and metadata", () => {
    for (let i = 0; i < 300; i += 1) {
      const series = randomSeries();
      expect(decodeWriteRequest(encode(series, i % 2 === 0))).toEqual(series);
    }
  });

  it("tells a stale marker from any other NaN", () => {
    const [series] = decodeWriteRequest(new Uint8Array([...bytesField(1, [...bytesField(2, [...field(1, 1), ...double(0, STALE)]), ...bytesField(2, [...field(1, 1), ...double(Number.NaN)])])]));
    expect(series.samples.map((s) => s.stale)).toEqual([true, false]);
  });

  it("throws only RemoteWriteDecodeError on 2,000 random or truncated bodies, and never hangs", () => {
    const valid = encode(randomSeries().concat(randomSeries()), true);
    for (let i = 0; i < 2000; i += 1) {
      const bytes = i % 2 === 0 ? valid.slice(0, Math.floor(random() * valid.length)) : new Uint8Array(Array.from({ length: Math.floor(random() * 64) }, () => Math.floor(random() * 256)));
      try {
        decodeWriteRequest(bytes);
      } catch (error) {
        expect(error).toBeInstanceOf(RemoteWriteDecodeError);
      }
    }
  });

  it("round-trips through snappy as Prometheus sends it", async () => {
    const { uncompress } = await import("snappyjs");
    const series = [{ labels: { __name__: "app_memory_bytes", job: "x" }, samples: [{ value: 2 * 1024 * 1024, timestampMs: 1_700_000_000_000, stale: false }] }];
    expect(decodeWriteRequest(uncompress(compress(encode(series))))).toEqual(series);
  });
});

describe("samplesFromWriteRequest", () => {
  it("maps through the preset per timestamp and never stores a stale marker", () => {
    const MB = 1024 * 1024;
    const series: WriteSeries[] = [
      { labels: { __name__: "node_memory_MemTotal_bytes", job: "node" }, samples: [{ value: 8000 * MB, timestampMs: 1000, stale: false }, { value: 8000 * MB, timestampMs: 2000, stale: false }] },
      { labels: { __name__: "node_memory_MemAvailable_bytes", job: "node" }, samples: [{ value: 5000 * MB, timestampMs: 1000, stale: false }, { value: 0, timestampMs: 2000, stale: true }, { value: 4000 * MB, timestampMs: 3000, stale: false }] },
    ];
    const mapped = samplesFromWriteRequest({ series, mapping: { preset: "node-exporter", usedMetric: null, limitMetric: null, matchLabels: {} }, knownLimitMb: 7000 });
    expect(mapped.stale).toBe(1);
    expect(mapped.samples.map((s) => [s.timestamp.getTime(), s.metricName, s.valueMb])).toEqual([[1000, "system.memory.used", 3000], [3000, "system.memory.used", 3000]]);
    expect(mapped.reportedLimitMb).toBe(8000);
    const unmapped = samplesFromWriteRequest({ series, mapping: null, knownLimitMb: null });
    expect(unmapped.samples.map((s) => [s.metricName, s.labels])).toContainEqual(["node_memory_MemTotal_bytes", '{job="node"}']);
  });
});
