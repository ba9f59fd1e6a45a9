import { expect, test, signIn, type DemoRole, type NewContext } from "@/e2e/fixtures";

async function pageAs(newContext: NewContext, role: DemoRole) {
  const page = await (await newContext()).newPage();
  await signIn(page, role);
  return page;
}

test.describe("bad input, over HTTP against the running console", () => {
  test("pages answer not found or 'bad filter' naming the field; routes answer 400, never 500", async ({ newContext }) => {
    const page = await pageAs(newContext, "admin");
    // The console layout streams (loading.tsx), so a not-found page may arrive with status 200: the page is the answer.
    expect((await page.goto("/incidents/2147483648"))?.status()).not.toBe(500);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();

    for (const [query, field] of [["before=9999999999999999999", "before"], ["from=-271821-04-20T00:00:00Z", "from"]] as const) {
      const response = await page.goto(`/audit?${query}`);
      expect(response?.status()).toBe(200);
      await expect(page.getByText("Bad filter")).toBeVisible();
      await expect(page.getByText(new RegExp(`Bad audit filter: ${field}`))).toBeVisible();
    }

    const routes = [
      { url: "/api/audit/export?before=9999999999999999999", field: "before" },
      { url: "/api/audit/export?to=-271821-04-20T00:00:00Z", field: "to" },
      { url: "/api/console/targets/freeagentics-edge?range=1e12", field: "range" },
      { url: "/api/v1/targets/freeagentics-edge/memory?from=-271821-04-20T00:00:00Z", field: "from" },
    ];
    for (const route of routes) {
      const answer = await page.request.get(route.url);
      expect(answer.status(), route.url).toBe(400);
      const body = await answer.json();
      expect(body.message, route.url).toContain(route.field);
      expect(body.message).not.toMatch(/unexpected|prisma|something went wrong/i);
    }
  });

  test("the rules form shows a change that would alert at once before it is saved, even when typed before the page hydrates", async ({ newContext }) => {
    const page = await pageAs(newContext, "admin");
    // Hold the page's scripts until the fields are typed: on a slow phone (or a busy CI machine)
    // a person types before React hydrates, when the form's onChange does not run yet.
    let release!: () => void;
    const typed = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/_next/static/chunks/**/*.js", async (route) => {
      await typed;
      await route.continue();
    });
    await page.goto("/targets/freeagentics-edge/alerts", { waitUntil: "commit" });
    await expect(page.getByTestId("alert-state-freeagentics-edge")).not.toHaveAttribute("data-state", /^SEV-[12]$/);
    await page.getByText("Edit thresholds").click();
    const form = page.getByRole("form", { name: "Edit thresholds" });
    await expect(form.getByTestId("rules-current")).toContainText(/Memory now: \d+\.\d%/);
    await form.locator('input[name="sev2_threshold"]').fill("10");
    await form.locator('input[name="sev2_for"]').fill("0");
    await expect(form.getByTestId("rules-firing-preview")).toHaveCount(0);
    release();
    await expect(form.getByTestId("rules-firing-preview")).toContainText(/With these thresholds SEV-2 would fire now: memory is \d+\.\d% and the SEV-2 threshold 10\.0%/, { timeout: 30_000 });
    await expect(form.getByLabel("Save anyway: I know this alerts at once.")).toBeVisible();

    // After hydration the preview follows what is typed.
    await form.locator('input[name="sev2_threshold"]').fill("99.9");
    await expect(form.getByTestId("rules-firing-preview")).toHaveCount(0);
  });

  test("a responder withdraws their own waiting request from the target page", async ({ newContext }) => {
    const responder = await pageAs(newContext, "responder");
    await responder.goto("/targets/freeagentics-edge");
    await responder.getByTestId("action-rolling-restart").getByRole("button", { name: "Request… Rolling restart" }).click();
    const dialog = responder.getByRole("dialog", { name: "Rolling restart on freeagentics-edge" });
    await dialog.getByLabel("Type freeagentics-edge to confirm").fill("freeagentics-edge");
    await dialog.getByRole("button", { name: "Request approval" }).click();
    const requested = dialog.getByTestId("action-record");
    await expect(requested).toHaveAttribute("data-state", "awaiting_approval");
    const id = await requested.getAttribute("data-remediation-id");
    await dialog.getByRole("button", { name: "Close" }).click();

    const waiting = responder.getByTestId("awaiting-approval").locator(`[data-remediation-id="${id}"]`);
    await waiting.getByRole("button", { name: `Withdraw request #${id}` }).click();
    await expect(responder.getByTestId("recent-actions").locator(`[data-remediation-id="${id}"]`)).toHaveAttribute("data-state", "withdrawn");
    await expect(responder.getByTestId("awaiting-approval").locator(`[data-remediation-id="${id}"]`)).toHaveCount(0);
  });
});
