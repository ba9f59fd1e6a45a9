import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // CONVENTIONS.md: configuration is parsed once, with zod, in lib/env.ts.
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through lib/env.ts (env()), the one env module." }],
      // `const { slug: _slug, ...input } = form` is how this codebase drops a field from an object.
      "@typescript-eslint/no-unused-vars": ["warn", { ignoreRestSiblings: true }],
    },
  },
  {
    // Code that starts other processes and must hand them an environment, or a separate
    // program with its own configuration: the supervisor, the test, bench and e2e harnesses,
    // tool configs read by Playwright and the Prisma CLI, the simulator's entry point.
    files: [
      "lib/env.ts",
      "supervisor/**",
      "tests/**",
      "bench/**",
      "e2e/**",
      "playwright.config.ts",
      "prisma.config.ts",
      "scripts/test-all.ts",
      "scripts/prisma-generate.ts",
      "simulator/main.ts",
    ],
    rules: { "no-restricted-properties": "off" },
  },
  {
    // Playwright fixtures take a callback named `use`; they are not React hooks.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  globalIgnores([".next/**", "out/**", "build/**", "next-env.d.ts", "lib/generated/**", ".data/**", "test-results/**", "playwright-report/**"]),
]);
