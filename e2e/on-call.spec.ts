import { type APIRequestContext } from "@playwright/test";
import { shootAtBothWidths } from "@/e2e/screenshots";
import { expect, test, signIn } from "@/e2e/fixtures";

// playwright.config.ts starts the server with ALERT_FOR_SECONDS=20 and a 2-s evaluation interval.
const LEAK = `http://127.0.0.1:${Number(process.env.E2E_TARGET_PORT)}`;
const SLUG = "freeagentics-api";

async function control(request: APIRequestContext, path: string, data: object) {
  const response = await request.post(`${LEAK}/_control/${path}`, { data });
  expect(response.ok(), await response.text()).toBe(true);
}

async function usagePercent(request: APIRequestContext): Promise<number> {
  const response = await request.get(`${LEAK}/_control/state`);
  return ((await response.json()) as { percent: number }).percent;
}


test.describe("the on-call loop", () => {
  test("an incident opens; the badge and tab title show it; a responder acknowledges it from the overview; a viewer cannot", async ({ page, request, newContext }, testInfo) => {
    test.setTimeout(240_000);
    await signIn(page, "responder");
    const state = page.getByTestId(`target-state-${SLUG}`);
    try {
      await control(request, "speed", { speed: 1000 });
      await expect.poll(() => usagePercent(request), { timeout: 60_000, intervals: [250] }).toBeGreaterThan(87);
      await control(request, "speed", { speed: 0 });

      await expect(state).toHaveAttribute("data-state", /^SEV-[12]$/, { timeout: 90_000 });
      const line = page.getByTestId(`incident-line-${SLUG}`);
      await expect(line).toBeVisible({ timeout: 15_000 });
      await expect(page.getByTestId(`incident-state-${SLUG}`)).toHaveAttribute("data-state", "open");

      // The navigation counts it (polled every 15 s) and the tab title carries the severity.
      await expect(page.getByTestId("nav-firing-count")).toContainText(/^[1-9]/, { timeout: 20_000 });
      await expect(page).toHaveTitle(/^\(SEV-[12]\) Overview · Headroom$/, { timeout: 20_000 });

      // A viewer sees the incident but no button to take it.
      const viewer = await (await newContext()).newPage();
      await signIn(viewer, "viewer");
      await expect(viewer.getByTestId(`incident-line-${SLUG}`)).toContainText("nobody has acknowledged it");
      await expect(viewer.getByTestId(`incident-line-${SLUG}`).getByRole("button")).toHaveCount(0);

      await shootAtBothWidths(page, "overview-open", testInfo);
      await line.getByRole("button", { name: /^Acknowledge #\d+$/ }).click();
      await expect(page.getByTestId(`incident-state-${SLUG}`)).toHaveAttribute("data-state", "acknowledged");
      await expect(line).toContainText("by oncall@headroom.local");
      await shootAtBothWidths(page, "overview-acknowledged", testInfo);

      // The incident page: who acknowledged it and when, on the timeline too; notes are added there.
      await line.locator("xpath=..").getByRole("link", { name: /^incident #\d+$/ }).click();
      await expect(page.getByTestId("incident-acknowledged")).toContainText("oncall@headroom.local");
      const timeline = page.getByTestId("incident-timeline");
      await expect(timeline).toContainText("Acknowledged by oncall@headroom.local");
      await page.getByLabel(/^Note/).fill("Cache looked large before the alert; trying a cleanup");
      await page.getByRole("button", { name: "Add note" }).click();
      await expect(page.getByTestId("note-result")).toContainText("Note added");
      await expect(timeline).toContainText("oncall@headroom.local: Cache looked large before the alert; trying a cleanup");
      await shootAtBothWidths(page, "incident", testInfo);

      // A destructive request carries its reason; the approvals page shows it with the service now and the incident.
      await page.goto(`/targets/${SLUG}`);
      await page.getByTestId("action-rolling-restart").getByRole("button", { name: "Request… Rolling restart" }).click();
      const dialog = page.getByRole("dialog", { name: `Rolling restart on ${SLUG}` });
      await dialog.getByTestId("request-reason").fill("cleanup freed too little; restart before the limit");
      await dialog.getByLabel(`Type ${SLUG} to confirm`).fill(SLUG);
      await dialog.getByRole("button", { name: "Request approval" }).click();
      const requested = dialog.getByTestId("action-record");
      await expect(requested).toHaveAttribute("data-state", "awaiting_approval");
      const id = await requested.getAttribute("data-remediation-id");
      await dialog.getByRole("button", { name: "Close" }).click();
      await page.goto("/approvals");
      await expect(page.getByTestId("nav-approvals-count")).toContainText(/^[1-9]/);
      const waiting = page.getByTestId("pending-approvals").locator(`[data-remediation-id="${id}"]`);
      await expect(waiting).toContainText("cleanup freed too little; restart before the limit");
      const context = waiting.getByTestId("approval-context");
      await expect(context).toContainText(/SEV-[12]/);
      await expect(context).toContainText(/\d+\.\d% · [\d,]+ MB of 4,096 MB/);
      await expect(context).toContainText(/incident #\d+/);
      await expect(context).toContainText("by oncall@headroom.local");
      await shootAtBothWidths(page, "approvals", testInfo);
    } finally {
      await control(request, "speed", { speed: 1 });
    }
  });
});
