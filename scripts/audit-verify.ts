// `npm run audit:verify`: recomputes the whole audit chain and names the first row that does not
// check out. Exit 0 when intact, 1 when broken, 2 when it could not run.
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { db } from "@/lib/db";
import { ConfigError } from "@/lib/env";
import { describeError } from "@/lib/errors";

async function main(): Promise<number> {
  const started = Date.now();
  const status = await verifyAuditChain();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (status.ok) {
    console.log(`audit chain intact: ${status.checked} rows verified in ${seconds} s`);
    if (status.headId) console.log(`head: row #${status.headId}, hash ${status.headHash} (keep a copy elsewhere to detect rows cut off the end)`);
    return 0;
  }
  console.error(`audit chain BROKEN at row #${status.firstBad.id} (${status.firstBad.at}): ${status.firstBad.reason}`);
  console.error(`${status.checked} rows before it verified.`);
  return 1;
}

main()
  .then(async (code) => {
    await db.$disconnect();
    process.exit(code);
  })
  .catch(async (error) => {
    console.error(error instanceof ConfigError ? error.message : `audit:verify could not run: ${describeError(error)}`);
    await db.$disconnect().catch(() => undefined);
    process.exit(2);
  });
