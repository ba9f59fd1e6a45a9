import "server-only";
import { describeError } from "@/lib/errors";
import { isDatabaseUnavailable } from "@/lib/database-unavailable";
import type { ClaimedTarget } from "@/lib/collector/claim-due-targets";
import { createLocalSchedule } from "@/lib/collector/local-schedule";
import { resumeClaims } from "@/lib/collector/resume-claims";
import { createScrapeBuffer } from "@/lib/collector/scrape-buffer";
import type { ScrapeRecord } from "@/lib/collector/scrape-record";
import { writeScrapeRecords } from "@/lib/collector/write-scrape-records";
import { refreshRollups } from "@/lib/metrics/refresh-rollups";

const WRITE_BATCH_SAMPLES = 20_000;

/**
 * The collector's side of a database outage: one log line when it starts and one when it
 * ends, the worker's own schedule of the targets it held, and the bounded buffer of their
 * scrape records, written (idempotently) once the database answers again.
 */
export function createDatabaseOutage(options: { maxSamples: number; log: (line: string) => void }) {
  const { maxSamples, log } = options;
  const schedule = createLocalSchedule();
  const buffer = createScrapeBuffer({
    maxSamples,
    onFirstDrop: () => log(`outage buffer full (${maxSamples} samples): dropping the oldest scrapes from now on`),
  });
  let since: number | null = null;
  let written = 0;
  let rejected = 0;

  /** Writes a batch; a batch the database refuses is written record by record, so one bad record costs only itself. */
  async function write(batch: ScrapeRecord[]): Promise<void> {
    try {
      written += await writeScrapeRecords({ records: batch });
    } catch (error) {
      if (isDatabaseUnavailable(error)) throw error;
      if (batch.length > 1) {
        for (const record of batch) await write([record]);
        return;
      }
      // Retrying a record the database refuses would block every later one behind it.
      rejected += batch[0].samples.length;
      log(`a buffered scrape of target ${batch[0].targetId} was refused by the database and dropped: ${describeError(error)}`);
    }
  }

  /** Writes everything buffered; false while the database is still unreachable. */
  async function flush(): Promise<boolean> {
    while (buffer.size().records > 0) {
      const batch = buffer.take(WRITE_BATCH_SAMPLES);
      try {
        await write(batch);
      } catch (error) {
        if (!isDatabaseUnavailable(error)) throw error;
        // Records already written are written again: harmless, the writes are idempotent.
        buffer.putBack(batch);
        return false;
      }
    }
    return true;
  }

  return {
    active: () => since !== null,
    begin(error: unknown) {
      if (since !== null) return;
      since = Date.now();
      written = 0;
      rejected = 0;
      buffer.resetCounters();
      log(
        `database unreachable (${describeError(error)}): the collector keeps scraping the ${schedule.held(since)} target(s) ` +
          `it held on its own schedule and buffers their samples in memory (at most ${maxSamples})`,
      );
    },
    hold: (record: ScrapeRecord) => buffer.add(record),
    claimed: (targets: ClaimedTarget[], now: number) => schedule.hold(targets, now),
    due: (now: number) => (since === null ? [] : schedule.due(now, since)),
    size: () => buffer.size(),

    /** Writes the buffer and hands the schedule back; true when the outage is over. */
    async tryToEnd(): Promise<boolean> {
      if (since === null) return true;
      if (!(await flush())) return false;
      try {
        await resumeClaims({ slots: schedule.slotsSince(since) });
        // The minute's maintenance redoes only the last 15 minutes of rollups: a longer outage's
        // samples, written late, would be missing from the rollups (and so from long charts).
        await refreshRollups({ from: new Date(since), to: new Date() });
      } catch (error) {
        if (isDatabaseUnavailable(error)) return false;
        throw error;
      }
      // Scrapes that finished meanwhile were buffered: write them before leaving outage mode,
      // with no await between the last check and the switch, so none is left behind.
      while (buffer.size().records > 0) if (!(await flush())) return false;
      const { buffered, dropped } = buffer.counters();
      log(
        `database back after ${Math.round((Date.now() - since) / 1000)} s: ${buffered} samples buffered, ` +
          `${written} written, ${dropped + rejected} dropped; claims resume`,
      );
      since = null;
      return true;
    },

    /** At shutdown: one last attempt, and a line saying what is lost if the database is still away. */
    async flushBeforeExit() {
      if (buffer.size().records === 0 || (await flush())) return;
      log(`stopping with ${buffer.size().samples} buffered samples not written: the database is still unreachable`);
    },
  };
}
