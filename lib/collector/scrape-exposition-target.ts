import { fetchExposition } from "@/lib/exposition/fetch-exposition";
import { readMemoryFigures } from "@/lib/exposition/read-memory-figures";
import { capComponents } from "@/lib/exposition/samples-from-figures";
import { SCRAPE_CAPS } from "@/lib/collector/cap-scrape";
import { TargetApiError } from "@/lib/target-api/client";
import type { MemoryMapping } from "@/lib/targets/target-definition";
import { describe, type ScrapeResult } from "@/lib/collector/scrape-target";

/**
 * One scrape of a `prometheus` target: its exposition endpoint, read through the target's
 * preset or metric names. An answer without the memory figure counts as down, with the reason.
 */
export async function scrapeExpositionTarget(options: { url: string; mapping: MemoryMapping; timeoutMs: number; fetch?: typeof fetch }): Promise<ScrapeResult> {
  try {
    const values = await fetchExposition({ url: options.url, timeoutMs: options.timeoutMs, fetch: options.fetch });
    const read = readMemoryFigures({ values, mapping: options.mapping });
    if (!read.ok) return { ok: false, error: `The endpoint answered, but: ${read.reason}`, kind: "invalid_response" };
    const { summed } = capComponents(read.figures.components);
    const warnings = summed > 0 ? [`${Object.keys(read.figures.components).length} components, over the cap of ${SCRAPE_CAPS.prometheusSeries}; the largest kept, the other ${summed} summed as "other"`] : [];
    return { ok: true, source: "exposition", figures: read.figures, partialErrors: warnings };
  } catch (error) {
    return { ok: false, error: describe(error), kind: error instanceof TargetApiError ? error.kind : "error" };
  }
}
