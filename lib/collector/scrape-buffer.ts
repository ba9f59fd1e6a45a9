import type { ScrapeRecord } from "@/lib/collector/scrape-record";

export type ScrapeBuffer = {
  /** Keeps a record; beyond the bound the oldest records are dropped whole. */
  add(record: ScrapeRecord): void;
  /** Removes and returns the oldest records, up to about `maxSamples` samples (at least one record). */
  take(maxSamples: number): ScrapeRecord[];
  /** Returns records that could not be written to the front, oldest first. */
  putBack(records: ScrapeRecord[]): void;
  size(): { records: number; samples: number };
  /** Samples added and dropped since the last reset (which also re-arms `onFirstDrop`). */
  counters(): { buffered: number; dropped: number };
  resetCounters(): void;
};

// A failed scrape stores no samples but still a row; it weighs one so that a long outage of a
// down target cannot grow the buffer without bound.
const weight = (record: ScrapeRecord) => Math.max(1, record.samples.length);

/** Scrape records held while the database is unreachable, bounded by samples, oldest dropped first. */
export function createScrapeBuffer(options: { maxSamples: number; onFirstDrop?: () => void }): ScrapeBuffer {
  const records: ScrapeRecord[] = [];
  let weightHeld = 0;
  let samplesHeld = 0;
  let buffered = 0;
  let dropped = 0;
  let warned = false;

  const push = (record: ScrapeRecord, front: boolean) => {
    if (front) records.unshift(record);
    else records.push(record);
    weightHeld += weight(record);
    samplesHeld += record.samples.length;
  };
  const shift = () => {
    const record = records.shift()!;
    weightHeld -= weight(record);
    samplesHeld -= record.samples.length;
    return record;
  };
  const enforceBound = () => {
    while (weightHeld > options.maxSamples && records.length > 0) {
      if (!warned) options.onFirstDrop?.();
      warned = true;
      dropped += shift().samples.length;
    }
  };

  return {
    add(record) {
      push(record, false);
      buffered += record.samples.length;
      enforceBound();
    },
    take(maxSamples) {
      const out: ScrapeRecord[] = [];
      let taken = 0;
      while (records.length > 0 && (out.length === 0 || taken + weight(records[0]) <= maxSamples)) {
        taken += weight(records[0]);
        out.push(shift());
      }
      return out;
    },
    putBack(returned) {
      for (let i = returned.length - 1; i >= 0; i--) push(returned[i], true);
      enforceBound();
    },
    size: () => ({ records: records.length, samples: samplesHeld }),
    counters: () => ({ buffered, dropped }),
    resetCounters() {
      buffered = 0;
      dropped = 0;
      warned = false;
    },
  };
}
