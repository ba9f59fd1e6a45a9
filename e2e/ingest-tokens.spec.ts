import { expect, test, signIn } from "@/e2e/fixtures";

test("an admin creates an ingest token, a client pushes with it, and a revoked token is refused", async ({ page, request }) => {
  await signIn(page, "admin");
  await page.goto("/targets/freeagentics-edge/settings");
  await page.getByLabel("Client name").fill("e2e-pusher");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())!.trim();
  expect(token).toMatch(/^hr_/);

  const at = new Date().toISOString();
  const push = () =>
    request.post("/api/v1/ingest", {
      headers: { authorization: `Bearer ${token}` },
      data: { samples: [{ metric: "pushed.memory.used", timestamp: at, value: 123.4 }] },
    });
  const first = await push();
  expect(first.status()).toBe(200);
  expect(await first.json()).toMatchObject({ accepted: 1, stored: 1 });
  expect(await (await push()).json()).toMatchObject({ stored: 0, duplicates: 1 });

  await page.reload();
  await page.getByRole("row", { name: /e2e-pusher/ }).getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("row", { name: /e2e-pusher/ })).toContainText("revoked");
  expect((await push()).status()).toBe(401);
});

test("target settings are for admins only, checked on the server", async ({ page }) => {
  await signIn(page, "lead");
  await page.goto("/targets/freeagentics-edge/settings");
  await expect(page.getByText("Admins only")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create token" })).toHaveCount(0);
});

test("an admin turns on the auto-remediation policy for a target, and the change is audited", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/targets/freeagentics-batch/settings");
  await page.getByLabel("Enable auto-remediation").check();
  await page.getByLabel("Threshold (%)").fill("99");
  await page.getByRole("button", { name: "Save auto-remediation" }).click();
  await expect(page.getByTestId("auto-remediation-result")).toContainText("✓");
  await page.reload();
  await expect(page.getByLabel("Enable auto-remediation")).toBeChecked();
  await expect(page.getByLabel("Threshold (%)")).toHaveValue("99");
  await page.goto("/audit");
  await expect(page.getByRole("row", { name: /target\.changed/ }).first()).toContainText("freeagentics-batch");
});
