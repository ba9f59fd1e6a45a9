// `prisma generate` needs no schema engine, but the CLI tries to download one from a host
// this machine cannot reach; a stub that exits 1 makes it skip the download (DESIGN.md).
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const stubDir = mkdtempSync(path.join(tmpdir(), "headroom-prisma-"));
const stub = path.join(stubDir, "schema-engine-stub");
writeFileSync(stub, "#!/bin/sh\nexit 1\n", { mode: 0o755 });

const result = spawnSync("npx", ["prisma", "generate"], {
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? stub,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
process.exit(result.status ?? 1);
