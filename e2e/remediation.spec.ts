import { expect, test, DEMO_ACCOUNTS, signIn, type DemoRole, type NewContext } from "@/e2e/fixtures";

// The demo simulators: freeagentics-api leaks (TARGET_PORT; it may have been OOM-killed and
// restarted recently, with little expired cache), freeagentics-batch spikes (+1), and
// freeagentics-edge is steady (+2): its memory moves least, so a fall shows plainly.
const base = Number(process.env.E2E_TARGET_PORT);
const BATCH = `http://127.0.0.1:${base + 1}`;
const EDGE = `http://127.0.0.1:${base + 2}`;

async function pageAs(newContext: NewContext, role: DemoRole) {
  const page = await (await newContext({ acceptDownloads: true })).newPage();
  await signIn(page, role);
  return page;
}

test.describe("remediation from the browser", () => {
  test("a responder cleans the cache and sees memory fall on the chart with a marker", async ({ newContext }, testInfo) => {
    test.setTimeout(120_000);
    const page = await pageAs(newContext, "responder");
    await page.goto("/targets/freeagentics-edge");
    const chart = page.getByTestId("memory-chart");
    await expect(chart).toHaveAttribute("data-last-mb", /^\d/);

    await page.getByTestId("action-cache-cleanup").getByRole("button", { name: "Run… Clear expired cache entries" }).click();
    const dialog = page.getByRole("dialog", { name: "Clear expired cache entries on freeagentics-edge" });
    await expect(dialog.getByTestId("call-preview")).toHaveText(`POST ${EDGE}/api/v1/system/cache/cleanup`);
    const before = Number(await chart.getAttribute("data-last-mb"));
    await dialog.getByRole("button", { name: "Run now" }).click();

    const record = dialog.getByTestId("action-record");
    await expect(record).toHaveAttribute("data-state", "succeeded");
    const summary = (await record.getByTestId("action-summary").textContent()) ?? "";
    const freed = Number(/^freed ([\d,]+) MB/.exec(summary)?.[1].replaceAll(",", ""));
    expect(freed, summary).toBeGreaterThan(100);
    await expect(record.getByTestId("action-effect")).toContainText("measuring 1 and 5 min after");
    await dialog.getByRole("button", { name: "Close" }).click();
    await expect(dialog).toBeHidden();

    // The marker at once; the fall with the next scrape (every 15 s) and chart refresh (every 15 s).
    await expect(chart).toHaveAttribute("data-markers", /Clear expired cache entries ✓/);
    await expect(chart.getByText("Clear expired cache entries ✓")).toBeVisible();
    await expect.poll(async () => Number(await chart.getAttribute("data-last-mb")), { timeout: 60_000, intervals: [1_000] }).toBeLessThan(before - freed / 2);
    const recent = page.getByTestId("recent-actions").getByTestId("action-record").first();
    await expect(recent).toHaveAttribute("data-action", "cache-cleanup");
    await expect(recent).toContainText(DEMO_ACCOUNTS.responder);
    await page.screenshot({ path: testInfo.outputPath("cache-cleanup.png"), fullPage: true });
    await testInfo.attach("target page after the cache cleanup", { path: testInfo.outputPath("cache-cleanup.png"), contentType: "image/png" });
  });

  test("a viewer reads what worked: the cleanups run so far are rows under the diagnosis recorded when they were requested", async ({ newContext }, testInfo) => {
    const page = await pageAs(newContext, "viewer");
    await page.goto("/insights");
    await expect(page.getByTestId("insights")).not.toHaveAttribute("data-diagnoses", "0");
    await expect(page.getByTestId("insight-row-cache-cleanup").first()).toContainText(/\d+ uses?/);
    // Every action of this run was requested with its diagnosis recorded.
    await expect(page.getByRole("heading", { level: 2, name: /not recorded/ })).toHaveCount(0);
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: width > 800 ? 900 : 844 });
      const file = testInfo.outputPath(`insights-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      await testInfo.attach(`insights at ${width} px`, { path: file, contentType: "image/png" });
      if (width < 500) expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), "wider than the viewport by").toBe(0);
    }
    // One service's: picked in the filter form, then named wrong in the address.
    await page.setViewportSize({ width: 1440, height: 900 });
    const filter = page.getByRole("form", { name: "Filter by service" });
    await filter.getByLabel("Service").selectOption("freeagentics-edge");
    await filter.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/\/insights\?service=freeagentics-edge$/);
    await expect(page.getByTestId("insights")).toHaveAttribute("data-service", "freeagentics-edge");
    await expect(page.getByTestId("insight-row-cache-cleanup").first()).toContainText(/\d+ uses?/);
    await page.goto("/insights?service=Not%20a%20slug");
    await expect(page.getByText("Bad filter")).toBeVisible();
    await expect(page.getByText(/Bad insights filter: service/)).toBeVisible();
    await page.goto("/insights?service=no-such-service");
    await expect(page.getByText("No such service")).toBeVisible();

    // The edge's cleanup above is history there (shown beside the step when its diagnosis is the same now).
    await page.goto("/targets/freeagentics-edge");
    await expect(page.getByTestId("service-insights-link")).toHaveAttribute("href", "/insights?service=freeagentics-edge");
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: width > 800 ? 900 : 844 });
      const file = testInfo.outputPath(`next-steps-${width}.png`);
      await page.getByTestId("next-steps").screenshot({ path: file });
      await testInfo.attach(`next steps at ${width} px`, { path: file, contentType: "image/png" });
    }
  });

  test("a viewer sees the actions but cannot run them", async ({ newContext }) => {
    const page = await pageAs(newContext, "viewer");
    await page.goto("/targets/freeagentics-api#actions");
    await expect(page.getByTestId("actions-panel")).toContainText("running actions needs the responder role");
    await expect(page.getByTestId("action-force-gc").getByRole("button", { name: "Run… Force garbage collection" })).toBeDisabled();
  });

  test("a responder requests a rolling restart, a lead approves it in another browser context, the audit page shows both", async ({ newContext }, testInfo) => {
    test.setTimeout(180_000);
    const responder = await pageAs(newContext, "responder");
    await responder.goto("/targets/freeagentics-batch");
    await responder.getByTestId("action-rolling-restart").getByRole("button", { name: "Request… Rolling restart" }).click();
    const dialog = responder.getByRole("dialog", { name: "Rolling restart on freeagentics-batch" });
    await expect(dialog.getByTestId("call-preview")).toContainText(`POST ${BATCH}/_control/restart`);
    await expect(dialog.getByTestId("call-preview")).toContainText('{"mode":"rolling"}');
    const request = dialog.getByRole("button", { name: "Request approval" });
    await expect(request).toBeDisabled();
    await dialog.getByLabel("Type freeagentics-batch to confirm").fill("freeagentics-batch");
    await request.click();
    const requested = dialog.getByTestId("action-record");
    await expect(requested).toHaveAttribute("data-state", "awaiting_approval");
    const id = await requested.getAttribute("data-remediation-id");
    await dialog.getByRole("button", { name: "Close" }).click();

    const lead = await pageAs(newContext, "lead");
    await lead.getByRole("link", { name: "Approvals" }).click();
    const waiting = lead.getByTestId("pending-approvals").locator(`[data-remediation-id="${id}"]`);
    await expect(waiting).toContainText(DEMO_ACCOUNTS.responder);
    await expect(waiting).toContainText("Awaiting approval");
    await waiting.getByLabel("Comment (optional)").fill("batch is the canary, go");
    await waiting.getByRole("button", { name: `Approve and run #${id}` }).click();
    const done = lead.getByTestId("decided").getByTestId("action-record");
    await expect(done).toHaveAttribute("data-state", "succeeded", { timeout: 120_000 });
    await expect(done.getByTestId("action-step")).toHaveCount(3);
    await expect(done).toContainText("wait for the new instance to answer");
    await expect(done.getByTestId("action-summary")).toContainText("rolling restart done: instance");

    // The requester's page follows: the panel polls.
    await expect(responder.locator(`#remediation-${id}`)).toHaveAttribute("data-state", "succeeded", { timeout: 30_000 });

    await lead.goto("/audit?target=freeagentics-batch&action=rolling-restart");
    await expect(lead.getByTestId("audit-chain")).toHaveAttribute("data-ok", "true");
    const rows = lead.getByTestId("audit-row");
    await expect(rows.filter({ hasText: DEMO_ACCOUNTS.responder }).and(lead.locator('[data-type="remediation.requested"]')).first()).toContainText("awaiting_approval");
    await expect(rows.filter({ hasText: DEMO_ACCOUNTS.lead }).and(lead.locator('[data-type="remediation.approved"]')).first()).toContainText("batch is the canary, go");
    await expect(rows.and(lead.locator('[data-type="remediation.finished"]')).first()).toContainText("succeeded");
    await lead.screenshot({ path: testInfo.outputPath("audit.png"), fullPage: true });
    await testInfo.attach("audit page", { path: testInfo.outputPath("audit.png"), contentType: "image/png" });

    const csv = await lead.request.get("/api/audit/export?format=csv&target=freeagentics-batch&action=rolling-restart");
    expect(csv.headers()["content-disposition"]).toMatch(/^attachment; filename="headroom_audit_\d{8}T\d{6}\.csv"$/);
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toMatch(/^id,at,type,outcome,actor_kind,actor,actor_role,target,action,/);
    expect(lines.filter((l) => l.includes("remediation.approved") && l.includes(DEMO_ACCOUNTS.lead))).toHaveLength(1);
    const json = await (await lead.request.get("/api/audit/export?format=json&target=freeagentics-batch&action=rolling-restart")).json();
    expect(json.rows.map((r: { type: string }) => r.type)).toEqual(expect.arrayContaining(["remediation.requested", "remediation.approved", "remediation.started", "remediation.finished"]));
  });

  test("a responder downloads a heap dump named as the runbook names it", async ({ newContext }) => {
    test.setTimeout(90_000);
    const page = await pageAs(newContext, "responder");
    await page.goto("/targets/freeagentics-api");
    await page.getByTestId("action-heap-dump").getByRole("button", { name: "Download… Generate memory heap dump" }).click();
    const dialog = page.getByRole("dialog", { name: "Generate memory heap dump on freeagentics-api" });
    const download = page.waitForEvent("download");
    await dialog.getByRole("button", { name: "Take and download the dump" }).click();
    expect((await download).suggestedFilename()).toMatch(/^memory_dump_\d{8}_\d{6}\.json$/);
    await expect(dialog.getByTestId("action-artifact")).toContainText(/memory_dump_\d{8}_\d{6}\.json · [\d.]+ MB · SHA-256 [0-9a-f]{64}/);
  });
});
