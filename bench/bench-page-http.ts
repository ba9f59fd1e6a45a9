import { chromium, type Page } from "@playwright/test";
import type { HeadroomWeb } from "@/bench/headroom-web";
import { interleave, summarize } from "@/bench/interleave";
import { sessionCookie } from "@/bench/session-cookie";
import { cpuPerRequest, groupCpuSeconds, treeCpuSeconds } from "@/bench/process-cpu";

const RANGES = ["1h", "24h", "30d"] as const;
// "Drawn": the used-memory series has a path with real geometry, in the server-drawn preview
// (which comes with the HTML) or in the interactive chart that replaces it after hydration.
const CHART_SHOWN = `[data-testid="memory-chart"] svg path[d]`;
const CHART_INTERACTIVE = `[data-testid="memory-chart"] svg .recharts-area path[d]`;
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

/**
 * The target page's whole server response for a signed-in viewer, per range, interleaved; then
 * the CPU the web server and PostgreSQL spend per response (wall time on a shared machine moves
 * with the load, CPU hardly), and the HTML's size.
 */
export async function benchPageHttp(options: { web: HeadroomWeb; slug: string; postmasterPid: number | null; rounds?: number }) {
  const cookie = await sessionCookie({ secret: options.web.secret, url: options.web.url });
  const headers = { cookie: `${cookie.name}=${cookie.value}` };
  const bytes: Record<string, number> = {};
  const load = async (range: (typeof RANGES)[number]) => {
    const response = await fetch(`${options.web.url}/targets/${options.slug}?range=${range}`, { headers, redirect: "manual" });
    const html = await response.text();
    // A session the server does not accept is a redirect to /signin: that would time the wrong page.
    if (response.status !== 200 || !html.includes('data-testid="memory-chart"')) throw new Error(`/targets/${options.slug}?range=${range} answered ${response.status} without the chart`);
    bytes[range] = Buffer.byteLength(html);
  };
  const contenders = Object.fromEntries(RANGES.map((range) => [range, () => load(range)])) as Record<(typeof RANGES)[number], () => Promise<void>>;
  const timing = await interleave({ rounds: options.rounds ?? 40, warmup: 3, contenders });
  const cpu = () => groupCpuSeconds(options.web.pid) + (options.postmasterPid ? treeCpuSeconds(options.postmasterPid) : 0);
  const ranges: Record<string, object> = {};
  for (const r of RANGES) ranges[r] = { p50_ms: timing[r].p50, p95_ms: timing[r].p95, cpu_ms_per_request: await cpuPerRequest(20, () => load(r), cpu), html_bytes: bytes[r] };
  return {
    bench: "page-http",
    what: "GET /targets/<slug> for a signed-in viewer, 30 days of data, whole HTML response; CPU: web server + PostgreSQL",
    rounds: timing["1h"].runs,
    ranges,
    target_p95_ms: 200,
    met: RANGES.every((r) => timing[r].p95 < 200),
  };
}

/** The first animation frame in which `selector` is a path with real geometry, on the page's own clock. */
async function frameWhenDrawn(page: Page, selector: string): Promise<number> {
  const drawnAt = await page.waitForFunction(
    (selector) => {
      const path = document.querySelector(selector);
      return path && (path.getAttribute("d") ?? "").length > 20 ? performance.now() : null;
    },
    selector,
    { polling: "raf", timeout: 30_000 },
  );
  return (await drawnAt.jsonValue()) as number;
}

/**
 * Navigation to a drawn chart in Chromium, from the navigation's start (the page's own time
 * origin): `drawn`, the first frame in which the chart shows the series (the server-drawn SVG
 * that comes with the page's HTML, or the interactive chart), and `interactive`, the first frame
 * of the recharts chart (after the page's script has loaded and hydrated). Any console error or
 * page error (a hydration mismatch among them) fails the bench.
 */
export async function benchChart(options: { web: HeadroomWeb; slug: string; runs?: number }) {
  const cookie = await sessionCookie({ secret: options.web.secret, url: options.web.url });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies([{ name: cookie.name, value: cookie.value, url: options.web.url }]);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    const times: Record<string, { drawn: number[]; interactive: number[] }> = { "1h": { drawn: [], interactive: [] }, "30d": { drawn: [], interactive: [] } };
    const runs = options.runs ?? 20;
    for (let i = 0; i < runs + 2; i++) {
      for (const range of Object.keys(times)) {
        await page.goto(`${options.web.url}/targets/${options.slug}?range=${range}`, { waitUntil: "commit" });
        const drawn = await frameWhenDrawn(page, CHART_SHOWN);
        const interactive = await frameWhenDrawn(page, CHART_INTERACTIVE);
        // The first two rounds warm the server's and the browser's caches.
        if (i >= 2) {
          times[range].drawn.push(drawn);
          times[range].interactive.push(interactive);
        }
      }
    }
    if (errors.length > 0) throw new Error(`the target page logged ${errors.length} errors, the first: ${errors[0]}`);
    const ranges = Object.fromEntries(
      Object.entries(times).map(([range, t]) => {
        const drawn = summarize(t.drawn);
        const interactive = summarize(t.interactive);
        return [range, { drawn_p50_ms: drawn.p50, drawn_p95_ms: drawn.p95, interactive_p50_ms: interactive.p50, interactive_p95_ms: interactive.p95 }];
      }),
    );
    return {
      bench: "chart",
      what: "navigation start to the memory chart drawn (the server-drawn SVG in the HTML) and interactive (recharts, after hydration), Chromium, 30 days of data",
      runs,
      ranges,
      console_errors: errors.length,
      target_p95_ms: 1000,
      met_drawn: Object.values(ranges).every((r) => r.drawn_p95_ms < 1000),
      met_interactive: Object.values(ranges).every((r) => r.interactive_p95_ms < 1000),
    };
  } finally {
    await browser.close();
  }
}
