import { rmSync, writeFileSync } from "node:fs";

/**
 * The server's restart drivers file for a test file. The test file points
 * HEADROOM_RESTART_DRIVERS_FILE at `driversFilePath()` in `vi.hoisted` (before lib/env is first
 * read), then writes what the operator would; `removeDriversFile` in afterAll leaves nothing
 * for the next file in this worker.
 */
export const driversFilePath = () => `/tmp/headroom-test-drivers-${process.pid}.json`;

export type TestDriver = {
  name: string;
  rolling: string[];
  emergency: string[];
  run_as_user?: string;
  timeout_seconds?: number;
  env?: Record<string, string>;
  description?: string;
};

export function writeDriversFile(drivers: TestDriver[] | string): void {
  writeFileSync(driversFilePath(), typeof drivers === "string" ? drivers : JSON.stringify({ drivers }, null, 2));
}

export function removeDriversFile(): void {
  rmSync(driversFilePath(), { force: true });
  delete process.env.HEADROOM_RESTART_DRIVERS_FILE;
}

/** Tests run as root here (CI too): command drivers must drop to an unprivileged user. */
export const unprivilegedUser = "nobody";
export const runningAsRoot = process.getuid?.() === 0;
