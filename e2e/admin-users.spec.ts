import { type Page } from "@playwright/test";
import { expect, test, signIn } from "@/e2e/fixtures";

async function signInWith(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("an admin creates a responder who signs in with the password set; once disabled, their next page load goes to sign-in", async ({ newContext, allowConsoleError }, testInfo) => {
  // The disabled account's sign-in attempt at the end is rejected with a 401, which the browser logs.
  allowConsoleError(/status of 401 .*\/api\/auth\/callback\/credentials/, "a disabled account cannot sign in");
  const email = `e2e-responder-${Date.now()}@headroom.local`;
  const password = "e2e responder password";
  const adminContext = await newContext();
  const userContext = await newContext();
  const admin = await adminContext.newPage();
  const user = await userContext.newPage();

  await signIn(admin, "admin");
  await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
  await expect(admin.getByRole("heading", { name: "Users", exact: true })).toBeVisible();
  const create = admin.getByRole("form", { name: "Create user" });
  await create.getByLabel("Email").fill(email.toUpperCase());
  await create.getByLabel("Name").fill("Edith E2E");
  await create.getByLabel("Role").selectOption("responder");
  await create.getByLabel("Password").fill(password);
  await create.getByRole("button", { name: "Create user" }).click();
  await expect(admin.getByTestId("create-user-result")).toHaveText(`✓ Created ${email} (responder). They can sign in with the password you set.`);
  const row = admin.getByTestId("user-row").filter({ hasText: email });
  await expect(row).toContainText("Edith E2E");
  await expect(row.getByTestId("user-status")).toHaveText("active");

  await signInWith(user, email, password);
  await expect(user.getByTestId("current-role")).toHaveText("responder");
  await expect(user.getByTestId("current-user")).toContainText("Edith E2E");
  await expect(user.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toHaveCount(0);
  await user.goto("/admin/users");
  await expect(user.getByText("Admins only")).toBeVisible();
  await expect(user.getByRole("button", { name: "Create user" })).toHaveCount(0);

  await row.getByRole("button", { name: `Disable ${email}` }).click();
  await expect(row.getByTestId("user-status")).toHaveText("disabled");
  await admin.screenshot({ path: testInfo.outputPath("users.png"), fullPage: true });
  await testInfo.attach("users page", { path: testInfo.outputPath("users.png"), contentType: "image/png" });

  // Same browser, same session cookie: the next page load finds the account disabled.
  await user.goto("/");
  await expect(user).toHaveURL(/\/signin/);
  await signInWith(user, email, password);
  await expect(user.getByTestId("signin-error")).toHaveText(/Wrong email or password/);

  await admin.goto("/audit?type=user.changed");
  await expect(admin.getByTestId("audit-row").filter({ hasText: email }).first()).toContainText(/"disabled":\{[^}]*"to":true/);
  await admin.goto("/audit?type=user.created");
  const created = admin.getByTestId("audit-row").filter({ hasText: email }).first();
  await expect(created).toContainText("admin@headroom.local");
  await expect(created).not.toContainText(password);

  await adminContext.close();
  await userContext.close();
});

test("an admin's own row offers no demotion or disabling", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/admin/users");
  const own = page.getByTestId("user-row").filter({ hasText: "admin@headroom.local" });
  await expect(own).toContainText("(you)");
  await expect(own.getByRole("button", { name: /Disable/ })).toHaveCount(0);
  await expect(own.getByTestId("user-role")).toHaveText("admin");
});
