// A decoder of the few fields of Prometheus remote_write 1.0's WriteRequest that Headroom reads
// (prompb/remote.proto, types.proto): timeseries → labels and float samples. Exemplars,
// native histograms and metadata are skipped by their wire type, as protobuf allows.
// Property-tested against an encoder and fuzzed with random bytes (tests/unit/remote-write).

export type WriteSample = { value: number; timestampMs: number; stale: boolean };
export type WriteSeries = { labels: Record<string, string>; samples: WriteSample[] };

export class RemoteWriteDecodeError extends Error {
  constructor(offset: number, reason: string) {
    super(`byte ${offset}: ${reason}`);
    this.name = "RemoteWriteDecodeError";
  }
}

const VARINT = 0;
const FIXED64 = 1;
const LENGTH = 2;
const FIXED32 = 5;
const utf8 = new TextDecoder("utf-8", { fatal: true });

type Reader = { bytes: Uint8Array; view: DataView; pos: number; end: number };

function readVarint(r: Reader): number {
  let value = 0n;
  for (let shift = 0n, i = 0; i < 10; i += 1, shift += 7n) {
    if (r.pos >= r.end) throw new RemoteWriteDecodeError(r.pos, "truncated varint");
    const byte = r.bytes[r.pos++];
    value |= BigInt(byte & 0x7f) << shift;
    // int64 fields (timestamps) are two's complement: a negative one takes all ten bytes.
    if ((byte & 0x80) === 0) return Number(BigInt.asIntN(64, value));
  }
  throw new RemoteWriteDecodeError(r.pos, "varint longer than 10 bytes");
}

function sub(r: Reader): Reader {
  const length = readVarint(r);
  if (length < 0 || r.pos + length > r.end) throw new RemoteWriteDecodeError(r.pos, `field of ${length} bytes runs past its message`);
  const inner = { bytes: r.bytes, view: r.view, pos: r.pos, end: r.pos + length };
  r.pos += length;
  return inner;
}

function skip(r: Reader, wireType: number): void {
  const need = (n: number) => {
    if (r.pos + n > r.end) throw new RemoteWriteDecodeError(r.pos, "truncated field");
    r.pos += n;
  };
  if (wireType === VARINT) readVarint(r);
  else if (wireType === FIXED64) need(8);
  else if (wireType === FIXED32) need(4);
  else if (wireType === LENGTH) sub(r);
  else throw new RemoteWriteDecodeError(r.pos, `unsupported wire type ${wireType}`);
}

/** Calls `field` for each field of the message in `r`; unknown ones are skipped. */
function eachField(r: Reader, field: (number: number, wireType: number) => boolean): void {
  while (r.pos < r.end) {
    const key = readVarint(r);
    const number = Math.floor(key / 8);
    const wireType = key % 8;
    if (number === 0) throw new RemoteWriteDecodeError(r.pos, "field number 0");
    if (!field(number, wireType)) skip(r, wireType);
  }
}

function expect(r: Reader, wireType: number, want: number, what: string): void {
  if (wireType !== want) throw new RemoteWriteDecodeError(r.pos, `${what} has wire type ${wireType}, expected ${want}`);
}

function readString(r: Reader): string {
  const inner = sub(r);
  try {
    return utf8.decode(r.bytes.subarray(inner.pos, inner.end));
  } catch {
    throw new RemoteWriteDecodeError(inner.pos, "a label is not valid UTF-8");
  }
}

function readLabel(r: Reader): [string, string] {
  let name = "";
  let value = "";
  eachField(r, (number, wireType) => {
    if (number !== 1 && number !== 2) return false;
    expect(r, wireType, LENGTH, "Label.name/value");
    if (number === 1) name = readString(r);
    else value = readString(r);
    return true;
  });
  return [name, value];
}

function readSample(r: Reader): WriteSample {
  let value = 0;
  let stale = false;
  let timestampMs = 0;
  eachField(r, (number, wireType) => {
    if (number === 1) {
      expect(r, wireType, FIXED64, "Sample.value");
      if (r.pos + 8 > r.end) throw new RemoteWriteDecodeError(r.pos, "truncated Sample.value");
      // Prometheus's stale marker is one particular NaN: 0x7ff0000000000002.
      stale = r.view.getUint32(r.pos + 4, true) === 0x7ff00000 && r.view.getUint32(r.pos, true) === 2;
      value = r.view.getFloat64(r.pos, true);
      r.pos += 8;
      return true;
    }
    if (number === 2) {
      expect(r, wireType, VARINT, "Sample.timestamp");
      timestampMs = readVarint(r);
      return true;
    }
    return false;
  });
  return { value, timestampMs, stale };
}

function readSeries(r: Reader): WriteSeries {
  const labels: Record<string, string> = {};
  const samples: WriteSample[] = [];
  eachField(r, (number, wireType) => {
    if (number === 1) {
      expect(r, wireType, LENGTH, "TimeSeries.labels");
      const [name, value] = readLabel(sub(r));
      if (name in labels) throw new RemoteWriteDecodeError(r.pos, `label ${name} twice in one series`);
      labels[name] = value;
      return true;
    }
    if (number === 2) {
      expect(r, wireType, LENGTH, "TimeSeries.samples");
      samples.push(readSample(sub(r)));
      return true;
    }
    return false;
  });
  return { labels, samples };
}

/** Decodes an uncompressed WriteRequest; throws RemoteWriteDecodeError on anything malformed. */
export function decodeWriteRequest(bytes: Uint8Array): WriteSeries[] {
  const r: Reader = { bytes, view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), pos: 0, end: bytes.length };
  const series: WriteSeries[] = [];
  eachField(r, (number, wireType) => {
    if (number !== 1) return false;
    expect(r, wireType, LENGTH, "WriteRequest.timeseries");
    series.push(readSeries(sub(r)));
    return true;
  });
  return series;
}
