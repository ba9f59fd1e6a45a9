import { chromium, type Browser, type Page } from "@playwright/test";

const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

export type SoakPage = { name: string; page: Page; responses: number; failed: number; errors: number };
export type SoakBrowser = { pages: SoakPage[]; close(): Promise<void> };

async function signedInPage(browser: Browser, options: { url: string; email: string; password: string; name: string }): Promise<SoakPage> {
  // One context per page, each its own window: both stay visible, so both keep polling.
  const context = await browser.newContext({ baseURL: options.url, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto("/signin");
  await page.getByLabel("Email").fill(options.email);
  await page.getByLabel("Password").fill(options.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("current-role").waitFor({ timeout: 30_000 });
  const watched: SoakPage = { name: options.name, page, responses: 0, failed: 0, errors: 0 };
  page.on("response", (response) => {
    watched.responses += 1;
    if (response.status() >= 400) watched.failed += 1;
  });
  page.on("pageerror", () => (watched.errors += 1));
  return watched;
}

/**
 * The overview and a target page open as a viewer would leave them, polling on their own
 * intervals (overview 5 s, target chart 15 s, panels 10-30 s).
 */
export async function openSoakPages(options: { url: string; email: string; password: string; slug: string }): Promise<SoakBrowser> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    const overview = await signedInPage(browser, { ...options, name: "overview" });
    await overview.page.goto("/");
    const target = await signedInPage(browser, { ...options, name: "target" });
    await target.page.goto(`/targets/${options.slug}`);
    await target.page.getByTestId("memory-chart").waitFor({ timeout: 30_000 });
    return { pages: [overview, target], close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** What each page did since the last call: requests answered, failures, its visibility and JS heap. */
export async function readPages(browser: SoakBrowser) {
  const out: Record<string, { responses: number; failed: number; page_errors: number; visibility: string; js_heap_mb: number | null }> = {};
  for (const p of browser.pages) {
    const { visibility, heap } = await p.page.evaluate(() => ({
      visibility: document.visibilityState,
      heap: (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null,
    }));
    out[p.name] = { responses: p.responses, failed: p.failed, page_errors: p.errors, visibility, js_heap_mb: heap === null ? null : Math.round(heap / 1e5) / 10 };
    p.responses = p.failed = p.errors = 0;
  }
  return out;
}
