import path from "node:path";
import { defineConfig } from "vitest/config";

// The fault suite (npm run test:faults): the whole stack under kill -9, one file, minutes long.
// Kept out of vitest.config.ts so `vitest run` and the integration suite never start it.
export default defineConfig({
  resolve: {
    tsconfigPaths: true,
    alias: { "server-only": path.resolve("node_modules/server-only/empty.js") },
  },
  test: {
    name: "faults",
    include: ["tests/faults/**/*.test.ts"],
    environment: "node",
    testTimeout: 300_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
