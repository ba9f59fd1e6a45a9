import { expect, test, signIn } from "@/e2e/fixtures";

// A viewer far from the server's zone and locale: the pages must hydrate without a mismatch
// (React #418 fails the test through the fixture) and render times in this zone.
test.use({ timezoneId: "Pacific/Auckland", locale: "de-DE" });

const PAGES = [
  { name: "overview", path: "/", ready: "target-list" },
  // The target page last: the checks after the loop are on it.
  { name: "insights", path: "/insights", ready: "insights" },
  { name: "target page (freeagentics-api)", path: "/targets/freeagentics-api", ready: "actions-panel" },
] as const;

const overflow = () => ({
  document: document.documentElement.scrollWidth - window.innerWidth,
  main: (document.querySelector("main")?.scrollWidth ?? 0) - window.innerWidth,
});

for (const width of [390, 1440]) {
  test(`overview and target page at ${width} px: screenshots${width < 500 ? ", no horizontal overflow, Run buttons on screen" : ", sticky summary jumps to the actions"}`, async ({ page }, testInfo) => {
    await page.setViewportSize({ width, height: width < 500 ? 844 : 900 });
    await signIn(page, "responder");
    for (const { name, path, ready } of PAGES) {
      await page.goto(path);
      await expect(page.getByTestId(ready)).toBeVisible();
      if (path.startsWith("/targets/")) await expect(page.getByTestId("memory-chart").locator("svg .recharts-area").first()).toBeVisible();
      const file = testInfo.outputPath(`${name.split(" ")[0]}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      await testInfo.attach(`${name} at ${width} px`, { path: file, contentType: "image/png" });
      if (width < 500) expect(await page.evaluate(overflow), `${path}: wider than the viewport by`).toEqual({ document: 0, main: 0 });
    }

    const panel = page.getByTestId("actions-panel");
    if (width < 500) {
      const runButtons = panel.getByRole("button", { name: /^(Run|Request|Download)…/ });
      expect(await runButtons.count()).toBeGreaterThan(5);
      for (const button of await runButtons.all()) {
        await button.scrollIntoViewIfNeeded();
        const box = (await button.boundingBox())!;
        expect(box.x, `${await button.textContent()} starts inside the viewport`).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, `${await button.textContent()} ends inside the viewport`).toBeLessThanOrEqual(width);
      }
      // The navigation is a menu on a phone: every page is reachable from it.
      await page.getByRole("button", { name: /open the menu/ }).click();
      const nav = page.getByRole("navigation", { name: "Main" });
      for (const label of ["Overview", "Targets", "Incidents", "Insights", "Approvals", "Queries"]) await expect(nav.getByRole("link", { name: label })).toBeInViewport();
    } else {
      // At the top of the page the actions are far below; the sticky summary's link brings them up.
      await page.evaluate(() => window.scrollTo(0, 0));
      await expect(panel).not.toBeInViewport();
      const summary = page.getByTestId("target-summary");
      await summary.getByRole("link", { name: "Actions" }).click();
      await expect(panel.getByRole("heading", { name: "Runbook actions" })).toBeInViewport();
      await expect(summary).toBeInViewport();
      await expect(summary.getByTestId("stat-percent")).toHaveText(/%$/);
    }
  });
}

test("the favicon is served without a session", async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  for (const path of ["/favicon.ico", "/icon.svg"]) {
    const response = await anonymous.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(200);
    expect(response.headers()["content-type"], path).toMatch(/^image\//);
  }
  await anonymous.dispose();
});
