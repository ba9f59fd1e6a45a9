/**
 * What the page says about a scrape that stored samples but not everything: an endpoint that
 * failed on its own, or a collection cap that applied (lib/collector/cap-scrape.ts). The
 * collector stores these as "partial: …" beside a successful scrape; a failed scrape is the
 * data state's business, not a warning.
 */
export function describeScrapeWarning(options: { lastScrapeOk: boolean | null; lastScrapeError: string | null }): string | null {
  if (options.lastScrapeOk !== true || !options.lastScrapeError?.startsWith("partial: ")) return null;
  return `The last scrape was incomplete: ${options.lastScrapeError.slice("partial: ".length)}.`;
}
