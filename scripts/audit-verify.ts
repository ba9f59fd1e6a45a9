// `npm run audit:verify`: recomputes the whole audit chain (HMAC-SHA-256 with HEADROOM_AUDIT_KEY)
// and names the first row that does not check out, then checks the chain against its anchor
// (HEADROOM_AUDIT_ANCHOR_FILE) for rows cut off the end. Exit 0 when intact, 1 when broken, 2
// when it could not run. Its result is what the audit page reports until the next full walk:
// a pass clears an earlier finding, a failure is shown there.
import { checkAuditAnchor } from "@/lib/audit/check-audit-anchor";
import { recordFullVerification } from "@/lib/audit/record-full-verification";
import { recordChainFinding } from "@/lib/audit/verify-audit-chain-incrementally";
import { walkAuditChain } from "@/lib/audit/verify-audit-chain";
import { db } from "@/lib/db";
import { ConfigError } from "@/lib/env";
import { describeError } from "@/lib/errors";

async function main(): Promise<number> {
  const startedAt = new Date();
  const status = await walkAuditChain();
  const seconds = ((Date.now() - startedAt.getTime()) / 1000).toFixed(1);
  let code = 0;
  if (status.ok) {
    console.log(`audit chain intact: ${status.checked} rows verified in ${seconds} s`);
    if (status.head) console.log(`head: row #${status.head.id}, hash ${status.head.hash}`);
    const standing = await recordFullVerification({ startedAt, checked: status.checked, head: status.head });
    if (standing) {
      console.error(`audit chain BROKEN at row #${standing.id}: ${standing.reason}`);
      code = 1;
    }
  } else {
    console.error(`audit chain BROKEN at row #${status.firstBad.id} (${status.firstBad.at}): ${status.firstBad.reason}`);
    console.error(`${status.checked} rows before it verified.`);
    await recordChainFinding({ ...status.firstBad, checked: status.checked, foundAt: startedAt.toISOString() });
    code = 1;
  }
  const anchor = await checkAuditAnchor();
  if (anchor.kind === "not_configured") console.log("anchor: none configured (set HEADROOM_AUDIT_ANCHOR_FILE to detect rows cut off the end)");
  else if (anchor.kind === "none_yet") console.log(`anchor: ${anchor.file} does not exist yet (the worker writes it)`);
  else if (anchor.kind === "ok") console.log(`anchor: ${anchor.file} matches (row #${anchor.anchor.headId}, anchored ${anchor.anchor.anchoredAt})`);
  else {
    console.error(`anchor MISMATCH (${anchor.file}): ${anchor.reason}`);
    code = 1;
  }
  return code;
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
