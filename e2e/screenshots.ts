import type { Page, TestInfo } from "@playwright/test";
import { expect } from "@/e2e/fixtures";

const overflow = () => ({
  document: document.documentElement.scrollWidth - window.innerWidth,
  main: (document.querySelector("main")?.scrollWidth ?? 0) - window.innerWidth,
});

/** Full-page screenshots at 1440 and 390 px, attached to the report; at 390 nothing may be wider than the screen. */
export async function shootAtBothWidths(page: Page, name: string, testInfo: TestInfo): Promise<void> {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: width < 500 ? 844 : 900 });
    await page.waitForTimeout(300);
    const path = testInfo.outputPath(`${name}-${width}.png`);
    await page.screenshot({ path, fullPage: true });
    await testInfo.attach(`${name} at ${width} px`, { path, contentType: "image/png" });
    if (width < 500) expect(await page.evaluate(overflow), `${name}: wider than the viewport by`).toEqual({ document: 0, main: 0 });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}
