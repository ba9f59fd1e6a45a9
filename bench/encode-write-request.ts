import { compress } from "snappyjs";

export type WriteSeries = { labels: Record<string, string>; samples: { value: number; timestampMs: number }[] };

// prompb (remote_write 1.0), written out for the bench: WriteRequest { repeated TimeSeries = 1 },
// TimeSeries { repeated Label = 1; repeated Sample = 2 }, Label { name = 1; value = 2 },
// Sample { double value = 1; int64 timestamp = 2 }.
class Writer {
  bytes: number[] = [];
  varint(n: number) {
    let v = n;
    while (v >= 0x80) {
      this.bytes.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.bytes.push(v);
  }
  tag(field: number, wire: number) {
    this.varint(field * 8 + wire);
  }
  message(field: number, write: (w: Writer) => void) {
    const inner = new Writer();
    write(inner);
    this.tag(field, 2);
    this.varint(inner.bytes.length);
    for (const b of inner.bytes) this.bytes.push(b);
  }
  text(field: number, s: string) {
    const encoded = Buffer.from(s, "utf8");
    this.tag(field, 2);
    this.varint(encoded.length);
    for (const b of encoded) this.bytes.push(b);
  }
  double(field: number, value: number) {
    const buffer = Buffer.alloc(8);
    buffer.writeDoubleLE(value);
    this.tag(field, 1);
    for (const b of buffer) this.bytes.push(b);
  }
}

/** A snappy-compressed remote_write 1.0 body, as Prometheus sends it. Timestamps are positive. */
export function encodeWriteRequest(series: WriteSeries[]): Uint8Array<ArrayBuffer> {
  const w = new Writer();
  for (const s of series) {
    w.message(1, (ts) => {
      for (const [name, value] of Object.entries(s.labels)) ts.message(1, (l) => (l.text(1, name), l.text(2, value)));
      for (const sample of s.samples) ts.message(2, (m) => (m.double(1, sample.value), m.tag(2, 0), m.varint(sample.timestampMs)));
    });
  }
  return compress(new Uint8Array(w.bytes) as Uint8Array<ArrayBuffer>);
}
