import { type APIRequestContext } from "@playwright/test";
import { expect, test, signIn, type DemoRole, type NewContext } from "@/e2e/fixtures";

// playwright.config.ts starts the server with ALERT_FOR_SECONDS=20 and a 2-s evaluation
// interval, so the runbook's "above 85 % for 5 minutes" takes 20 seconds here.
const LEAK = `http://127.0.0.1:${Number(process.env.E2E_TARGET_PORT)}`; // freeagentics-api, the leak scenario
const SLUG = "freeagentics-api";

async function control(request: APIRequestContext, path: string, data: object) {
  const response = await request.post(`${LEAK}/_control/${path}`, { data });
  expect(response.ok(), await response.text()).toBe(true);
}

/** A separate browser context per person, as two people at two desks would be. */
async function pageAs(newContext: NewContext, role: DemoRole) {
  const page = await (await newContext()).newPage();
  await signIn(page, role);
  return page;
}

async function usagePercent(request: APIRequestContext): Promise<number> {
  const response = await request.get(`${LEAK}/_control/state`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { percent: number }).percent;
}

test.describe("alerting", () => {
  test("the leaking service crosses 85 %: the overview turns red and an incident opens", async ({ page, request }, testInfo) => {
    test.setTimeout(180_000);
    await signIn(page, "viewer");
    const state = page.getByTestId(`target-state-${SLUG}`);
    await expect(state).toBeVisible();
    try {
      // Fast-forward the leak past the threshold, then hold it there (speed 0 freezes the model),
      // so the alert sees a steady value above 85 % and below the simulator's OOM. At 1000x the
      // leak climbs some tens of MB a second: polled every 250 ms, it is caught on the way up.
      await control(request, "speed", { speed: 1000 });
      await expect.poll(() => usagePercent(request), { timeout: 60_000, intervals: [250] }).toBeGreaterThan(87);
      await control(request, "speed", { speed: 0 });

      // Next scrape (≤ 15 s), then pending and 20 s later firing; the overview polls every 5 s.
      await expect(state).toHaveAttribute("data-state", /^SEV-[12]$/, { timeout: 90_000 });
      await expect(page.getByTestId(`target-card-${SLUG}`)).toHaveClass(/border-(warn|crit)/);
      await page.screenshot({ path: testInfo.outputPath("overview-alert.png"), fullPage: true });
      await testInfo.attach("overview with the alert firing", { path: testInfo.outputPath("overview-alert.png"), contentType: "image/png" });

      await page.getByRole("link", { name: "Incidents" }).click();
      const row = page.getByTestId(`incident-row-${SLUG}`).first();
      await expect(row).toHaveAttribute("data-status", "open");
      await expect(row).toContainText(/SEV-[12]/);
      await row.getByRole("link", { name: /^#\d+$/ }).click();
      await expect(page.getByTestId("incident-status")).toHaveText("open");
      const timeline = page.getByTestId("incident-timeline");
      await expect(timeline).toContainText(/SEV-2 pending: memory above 85\.0%/);
      await expect(timeline).toContainText(/SEV-2 firing: memory above 85\.0% for 20 s/);
      await expect(timeline).toContainText(/Incident opened: SEV-[12]/);
      // On a loaded machine the 1000x leak can overshoot 95 % before it is frozen: SEV-1 then fires
      // beside SEV-2 and supersedes it on notifications, so the note names whichever was sent.
      // The demo's global channel is the terminal inbox (supervisor/demo-inbox.ts): the page was
      // delivered over HTTP, and the timeline says so.
      await expect(timeline).toContainText(/Webhook delivered to "Demo inbox \(this terminal\)": \[SEV-[12]\] HighMemoryUsage firing on FreeAgentics API/, { timeout: 30_000 });
      await page.screenshot({ path: testInfo.outputPath("incident.png"), fullPage: true });
      await testInfo.attach("incident timeline", { path: testInfo.outputPath("incident.png"), contentType: "image/png" });

      // The target's alerting page tells the same story.
      await page.goto(`/targets/${SLUG}/alerts`);
      await expect(page.getByTestId(`alert-state-${SLUG}`)).toHaveAttribute("data-state", /^SEV-[12]$/);
      await expect(page.getByTestId("no-webhook")).toHaveCount(0);
      // The channel list names the demo's global channel (the deliveries table names it too).
      await expect(page.getByTestId("channel-list").getByText("Demo inbox (this terminal)")).toBeVisible();
    } finally {
      await control(request, "speed", { speed: 1 });
    }
  });

  test("admins change thresholds as a new version and backtest them; leads silence; viewers only read", async ({ newContext }, testInfo) => {
    const healthy = "freeagentics-edge";
    let page = await pageAs(newContext, "admin");
    await page.goto(`/targets/${healthy}/alerts`);
    await expect(page.getByTestId("rules-table")).toContainText("SEV-2");
    await page.getByText("Edit thresholds").click();
    const form = page.getByRole("form", { name: "Edit thresholds" });
    await form.locator('input[name="sev2_for"]').fill("30");
    await form.locator('input[name="comment"]').fill("e2e: a little more patience");
    await form.getByRole("button", { name: "Save as version 1" }).click();
    await expect(page.getByTestId("rules-result")).toHaveText(/Saved as version 1/);
    await expect(page.getByTestId("rule-versions")).toContainText("SEV-2 for 20 s → 30 s");
    await expect(page.getByTestId("rule-versions")).toContainText("admin@headroom.local");

    await page.goto(`/targets/${healthy}/backtest`);
    await page.locator('input[name="days"]').fill("1");
    await page.locator('input[name="sev2"]').fill("40");
    await page.getByRole("button", { name: "Run backtest" }).click();
    await expect(page).toHaveURL(/sev2=40/);
    // The healthy service sits near 50 %: a 40 % threshold fires more than the current 85 % (which
    // fired at most when the console spec pushed a data import onto this service).
    const row = page.getByTestId("backtest-row-SEV-2");
    await expect(row).toContainText(/\d+ → \d+/);
    const [, current, proposed] = /(\d+) → (\d+)/.exec((await row.textContent()) ?? "")!;
    expect(Number(proposed)).toBeGreaterThan(Number(current));
    await page.screenshot({ path: testInfo.outputPath("backtest.png"), fullPage: true });
    await testInfo.attach("backtest", { path: testInfo.outputPath("backtest.png"), contentType: "image/png" });

    page = await pageAs(newContext, "lead");
    await page.goto(`/targets/${healthy}/alerts`);
    await expect(page.getByText("Only admins change thresholds.")).toBeVisible();
    const silence = page.getByRole("form", { name: "Silence notifications" });
    await silence.locator('input[name="comment"]').fill("e2e: planned load test");
    await silence.getByRole("button", { name: "Silence" }).click();
    await expect(page.getByTestId("silence-result")).toHaveText(/Silenced for 60 min/);
    await expect(page.getByTestId("silences")).toContainText("e2e: planned load test");
    await expect(page.getByTestId("silences")).toContainText("active");
    await page.screenshot({ path: testInfo.outputPath("alerts-page.png"), fullPage: true });
    await testInfo.attach("alerting page", { path: testInfo.outputPath("alerts-page.png"), contentType: "image/png" });

    page = await pageAs(newContext, "viewer");
    await page.goto(`/targets/${healthy}/alerts`);
    await expect(page.getByTestId("silences")).toContainText("e2e: planned load test");
    await expect(page.getByRole("form", { name: "Silence notifications" })).toHaveCount(0);
    await expect(page.getByText("Edit thresholds")).toHaveCount(0);
    await page.goto(`/targets/${healthy}/backtest`);
    await expect(page.getByText("Admins only")).toBeVisible();
  });
});
