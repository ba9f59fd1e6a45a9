import { type APIRequestContext } from "@playwright/test";
import { expect, test, signIn } from "@/e2e/fixtures";

const TARGET_PORT = Number(process.env.E2E_TARGET_PORT);
const simulator = (offset: number) => `http://127.0.0.1:${TARGET_PORT + offset}`;
const EDGE = simulator(2);

async function control(request: APIRequestContext, base: string, path: string, data: object) {
  const response = await request.post(`${base}/_control/${path}`, { data });
  expect(response.ok(), await response.text()).toBe(true);
}

const percentOf = async (text: string | null) => Number.parseFloat(text ?? "");

test.describe("on-call console", () => {
  test("the overview updates live when a service's memory moves", async ({ page, request }, testInfo) => {
    await signIn(page, "viewer");
    const percent = page.getByTestId("target-percent-freeagentics-edge");
    await expect(percent).toHaveText(/%$/, { timeout: 30_000 });
    const before = await percentOf(await percent.textContent());
    await page.evaluate(() => ((window as unknown as { headroomMarker: number }).headroomMarker = 42));
    try {
      // A large data import starts on the healthy service; ten model seconds per second.
      await control(request, EDGE, "scenario", { scenario: "spike", onset_ago: "6h" });
      await control(request, EDGE, "speed", { speed: 10 });
      await expect.poll(async () => percentOf(await percent.textContent()), { timeout: 60_000, intervals: [1000] }).toBeGreaterThan(before + 10);
      // Same document: the card changed through polling, not a reload.
      expect(await page.evaluate(() => (window as unknown as { headroomMarker?: number }).headroomMarker)).toBe(42);
      await page.screenshot({ path: testInfo.outputPath("overview.png"), fullPage: true });
      await testInfo.attach("overview", { path: testInfo.outputPath("overview.png"), contentType: "image/png" });
    } finally {
      await control(request, EDGE, "speed", { speed: 1 });
      await control(request, EDGE, "scenario", { scenario: "steady" });
    }
  });

  test("the leaking service is diagnosed as a gradual increase in the agent system", async ({ page }, testInfo) => {
    await signIn(page, "responder");
    await page.goto("/targets/freeagentics-api");
    await expect(page.getByTestId("diagnosis-pattern")).toHaveAttribute("data-pattern", "gradual");
    await expect(page.getByTestId("diagnosis-component")).toHaveAttribute("data-component", "agent_system");
    await expect(page.getByTestId("diagnosis").locator("[data-taken]").filter({ hasText: "Yes → Likely memory leak" })).toBeVisible();
    await expect(page.getByTestId("next-steps")).toContainText("Check active agent count");
    await expect(page.getByRole("img", { name: /Memory used over time/ })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath("target-leak.png"), fullPage: true });
    await testInfo.attach("target page (leak)", { path: testInfo.outputPath("target-leak.png"), contentType: "image/png" });
  });

  test("the spiking service is diagnosed as a sudden spike", async ({ page }, testInfo) => {
    await signIn(page, "viewer");
    await page.goto("/targets/freeagentics-batch");
    await expect(page.getByTestId("diagnosis-pattern")).toHaveAttribute("data-pattern", "spike");
    await expect(page.getByTestId("diagnosis").locator("[data-taken]").filter({ hasText: "No → Sudden spike" })).toBeVisible();
    await expect(page.getByText(/of \d+ samples/)).toBeVisible();
    // A day at 600 points is one point per 144 s: read from the minute maxima (decision 0024).
    await page.getByRole("button", { name: "24h" }).click();
    await expect(page).toHaveURL(/range=24h/);
    await expect(page.getByText(/of \d+ one-minute peaks \(the newest 15 min as samples\)/)).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath("target-spike.png"), fullPage: true });
    await testInfo.attach("target page (spike)", { path: testInfo.outputPath("target-spike.png"), contentType: "image/png" });
  });

  test("the runbook's queries page shows the SQL and its results", async ({ page }) => {
    await signIn(page, "viewer");
    await page.goto("/queries");
    await expect(page.getByText("date_trunc('hour', timestamp) as hour")).toBeVisible();
    await expect(page.getByTestId("growth-table").locator("tbody tr")).not.toHaveCount(0);
  });
});

test("the leaking service's database connections are counted by state", async ({ page }) => {
  await signIn(page, "viewer");
  await page.goto("/targets/freeagentics-api");
  const panel = page.getByTestId("db-connections");
  await expect(panel).toContainText("idle");
  await expect(panel).toContainText(/of max_connections \d+/);
});
