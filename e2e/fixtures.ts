import { test as base, expect, type BrowserContext, type BrowserContextOptions, type Page, type Response } from "@playwright/test";
import { E2E_DEMO_PASSWORD } from "@/e2e/demo-password";

export { expect };

export const DEMO_ACCOUNTS = {
  viewer: "viewer@headroom.local",
  responder: "oncall@headroom.local",
  lead: "lead@headroom.local",
  admin: "admin@headroom.local",
} as const;

export type DemoRole = keyof typeof DEMO_ACCOUNTS;

type Allowed = { pattern: RegExp; reason: string };

export type NewContext = (options?: BrowserContextOptions) => Promise<BrowserContext>;

type Fixtures = {
  /** A further browser context (a second person at another desk), watched like `page`, closed after the test. */
  newContext: NewContext;
  /**
   * Lets a test tolerate a console error it provokes on purpose, e.g. the 401 of a wrong
   * password. `reason` says why; nothing else is tolerated.
   */
  allowConsoleError: (pattern: RegExp, reason: string) => void;
  errorWatch: ErrorWatch;
};

type ErrorWatch = { errors: string[]; allowed: Allowed[] };

/**
 * After a navigation to a console page, waits until React has hydrated it (app/providers.tsx
 * marks it): a click or a keystroke before that is lost, and a busy CI machine can take seconds.
 * A test that means to act before hydration navigates with `waitUntil: "commit"`.
 */
function waitForHydrationAfterNavigations(page: Page) {
  const goto = page.goto.bind(page);
  const reload = page.reload.bind(page);
  const hydrated = async (response: Response | null, waitUntil: string | undefined) => {
    if (waitUntil === "commit" || !response?.headers()["content-type"]?.startsWith("text/html")) return;
    if (!/^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//.test(page.url())) return;
    await page.waitForFunction(() => document.documentElement.dataset.hydrated === "true", null, { timeout: 30_000 });
  };
  page.goto = async (url, options) => {
    const response = await goto(url, options);
    await hydrated(response, options?.waitUntil);
    return response;
  };
  page.reload = async (options) => {
    const response = await reload(options);
    await hydrated(response, options?.waitUntil);
    return response;
  };
}

function watch(context: BrowserContext, { errors, allowed }: ErrorWatch) {
  const attach = (page: Page) => {
    waitForHydrationAfterNavigations(page);
    page.on("pageerror", (error) => errors.push(`page error on ${page.url()}: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      const text = `${message.text()} (${message.location().url || page.url()})`;
      if (allowed.some((a) => a.pattern.test(text))) return;
      errors.push(`console.error on ${page.url()}: ${text}`);
    });
  };
  context.pages().forEach(attach);
  context.on("page", attach);
}

/**
 * Every spec's `test`: a page error (an uncaught exception, a React hydration error such as
 * #418) or any `console.error` in any page of the test fails it, with the messages listed.
 */
export const test = base.extend<Fixtures>({
  errorWatch: [
    async ({}, use) => {
      const watched: ErrorWatch = { errors: [], allowed: [] };
      await use(watched);
      expect(watched.errors, "page errors and console.error messages during the test").toEqual([]);
    },
    { auto: true },
  ],
  allowConsoleError: async ({ errorWatch }, use) => {
    await use((pattern, reason) => {
      if (!reason.trim()) throw new Error("say why this console error is expected");
      errorWatch.allowed.push({ pattern, reason });
    });
  },
  context: async ({ context, errorWatch }, use) => {
    watch(context, errorWatch);
    await use(context);
  },
  newContext: async ({ browser, errorWatch }, use) => {
    const made: BrowserContext[] = [];
    await use(async (options) => {
      const context = await browser.newContext(options);
      watch(context, errorWatch);
      made.push(context);
      return context;
    });
    await Promise.all(made.map((context) => context.close()));
  },
});

export async function signIn(page: Page, role: DemoRole, password = E2E_DEMO_PASSWORD): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(DEMO_ACCOUNTS[role]);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-role")).toHaveText(role);
}
