import { expect, signIn, test } from "@/e2e/fixtures";

test("an admin adds a prometheus service with Test connection, and it appears on the overview with data", async ({ page, baseURL }, testInfo) => {
  await signIn(page, "admin");
  await page.goto("/targets");
  await page.getByRole("link", { name: "Add service" }).click();
  const form = page.getByRole("form", { name: "Add service" });
  await form.getByLabel("Name", { exact: true }).fill("Console, watched again");
  await form.getByLabel(/^Slug/).fill("e2e-console");
  await form.locator("select[name=kind]").selectOption("prometheus");
  // The console's own /metrics, as any prom-client service exposes it.
  await form.getByLabel("Metrics endpoint URL").fill(`${baseURL}/metrics`);
  await form.locator("select[name=preset]").selectOption("process");
  await form.getByLabel(/^Memory limit/).fill("2048");
  await form.getByLabel("Scrape every (s)").fill("5");
  await form.getByRole("button", { name: "Test connection" }).click();
  const report = page.getByTestId("connection-report");
  await expect(report).toContainText("the memory figure is there");
  await expect(report).toContainText(/Used: [\d,]+ MB \(process_resident_memory_bytes\)/);
  await expect(report).toContainText("Limit: none reported; the 2,048 MB you set applies.");
  await expect(report).toContainText("need the runbook API; see docs/target-api.md");
  await page.screenshot({ path: testInfo.outputPath("add-service.png"), fullPage: true });
  await testInfo.attach("add service", { path: testInfo.outputPath("add-service.png"), contentType: "image/png" });
  await form.getByRole("button", { name: "Add service" }).click();
  await expect(page.getByTestId("target-form-result")).toContainText("✓ Added Console, watched again.");

  await page.goto("/");
  // Within two scrape intervals (5 s each) of being added, with the overview's own 5 s refresh.
  await expect(page.getByTestId("target-percent-e2e-console")).toHaveText(/%$/, { timeout: 20_000 });
  await page.goto("/targets/e2e-console");
  await expect(page.getByTestId("capability-note")).toContainText("need the runbook API");
  await expect(page.getByTestId("actions-missing")).toBeVisible();
  await expect(page.getByRole("button", { name: /Force garbage collection/ })).toHaveCount(0);

  // The targets list is where an admin edits, disables or deletes it.
  await page.goto("/targets");
  const manage = page.getByTestId("manage-e2e-console");
  await expect(manage.getByRole("link", { name: "Edit or disable" })).toHaveAttribute("href", "/targets/e2e-console/settings");
  await manage.getByRole("link", { name: "Delete…" }).click();
  await expect(page.getByRole("form", { name: "Delete target" })).toContainText("Type e2e-console to confirm");
  await expect(page.getByRole("form", { name: "Collection" }).getByLabel("Collect from this service")).toBeChecked();
});

test("a viewer cannot add a service: the server refuses the form and audits it", async ({ newContext }) => {
  const context = await newContext();
  const page = await context.newPage();
  await signIn(page, "viewer");
  await page.goto("/targets/new");
  await expect(page.getByText("Admins only")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add service" })).toHaveCount(0);

  // The form as an admin saw it, submitted after the session became a viewer's: only the server can say no.
  const admin = await context.newPage();
  await signIn(admin, "admin");
  await admin.goto("/targets/new");
  const other = await context.newPage();
  await signIn(other, "viewer");
  const form = admin.getByRole("form", { name: "Add service" });
  await form.getByLabel("Name", { exact: true }).fill("Viewer's service");
  await form.getByLabel(/^Slug/).fill("e2e-viewer-made");
  await form.getByLabel("Metrics endpoint URL").fill("http://127.0.0.1:9100/metrics");
  await form.getByLabel(/^Memory limit/).fill("1024");
  await form.getByRole("button", { name: "Add service" }).click();
  await expect(admin.getByTestId("target-form-result")).toContainText("Your role (viewer) does not allow manage:targets");

  const lead = await (await newContext()).newPage();
  await signIn(lead, "lead");
  await lead.goto("/audit?type=target.created");
  await expect(lead.getByTestId("audit-row").filter({ hasText: "viewer@headroom.local" }).first()).toContainText("denied");
});

test("Headroom's own metrics are served to this machine, and the demo watches its web and worker", async ({ page, request }) => {
  const metrics = await request.get("/metrics");
  expect(metrics.status()).toBe(200);
  const text = await metrics.text();
  expect(text).toContain("process_resident_memory_bytes");
  expect(text).toContain("nodejs_heap_size_used_bytes");
  await signIn(page, "viewer");
  await expect(page.getByTestId("target-percent-headroom-web")).toHaveText(/%$/, { timeout: 30_000 });
  await expect(page.getByTestId("target-percent-headroom-worker")).toHaveText(/%$/, { timeout: 30_000 });
});
