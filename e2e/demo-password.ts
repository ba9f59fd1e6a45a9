// The demo password the e2e server is started with (playwright.config.ts sets DEMO_PASSWORD).
export const E2E_DEMO_PASSWORD = "e2e-demo-password";
