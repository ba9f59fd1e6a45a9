import { samplesFromScrape } from "@/lib/collector/samples-from-scrape";
import type { ScrapeResult } from "@/lib/collector/scrape-target";
import { samplesFromFigures } from "@/lib/exposition/samples-from-figures";
import type { StoredSample } from "@/lib/metrics/sample";

/**
 * What a scrape leaves in the database besides its investigation documents: its samples, the
 * limit the service reported and its row in target_scrapes. Small enough to keep in memory
 * while the database is down.
 */
export type ScrapeRecord = {
  targetId: number;
  startedAt: Date;
  durationMs: number;
  workerId: string;
  ok: boolean;
  error: string | null;
  samples: StoredSample[];
  /** The limit the service reported, which becomes the target's (docs/decisions/0016-target-kinds-and-presets.md). */
  reportedLimitMb: number | null;
};

export type ScrapeOutcome = { targetId: number; startedAt: Date; durationMs: number; workerId: string; result: ScrapeResult };

const ERROR_MAX_CHARS = 2_000;

/**
 * A target's answer ends up quoted in scrape errors (a JSON parser quotes the text it choked on):
 * PostgreSQL text cannot hold NUL, and nobody reads a megabyte of garbage.
 */
function storableError(error: string | null): string | null {
  if (error === null) return null;
  const clean = error.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "\uFFFD");
  return clean.length > ERROR_MAX_CHARS ? `${clean.slice(0, ERROR_MAX_CHARS)}…` : clean;
}

export function toScrapeRecord(options: ScrapeOutcome): ScrapeRecord {
  const { targetId, startedAt, durationMs, workerId, result } = options;
  const error = storableError(result.ok ? (result.partialErrors.length ? `partial: ${result.partialErrors.join("; ")}` : null) : result.error);
  if (!result.ok) return { targetId, startedAt, durationMs, workerId, ok: false, error, samples: [], reportedLimitMb: null };
  if (result.source === "exposition") {
    const samples = samplesFromFigures({ figures: result.figures, timestamp: startedAt }).map((s) => ({ ...s, targetId }));
    return { targetId, startedAt, durationMs, workerId, ok: true, error, samples, reportedLimitMb: result.figures.limitMb };
  }
  const samples = samplesFromScrape({ targetId, at: startedAt, documents: result.documents });
  return { targetId, startedAt, durationMs, workerId, ok: true, error, samples, reportedLimitMb: result.documents.memory.limit_mb };
}
