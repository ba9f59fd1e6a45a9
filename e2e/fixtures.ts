import { expect, type Page } from "@playwright/test";
import { E2E_DEMO_PASSWORD } from "@/e2e/demo-password";

export const DEMO_ACCOUNTS = {
  viewer: "viewer@headroom.local",
  responder: "oncall@headroom.local",
  lead: "lead@headroom.local",
  admin: "admin@headroom.local",
} as const;

export type DemoRole = keyof typeof DEMO_ACCOUNTS;

export async function signIn(page: Page, role: DemoRole, password = E2E_DEMO_PASSWORD): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(DEMO_ACCOUNTS[role]);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-role")).toHaveText(role);
}
