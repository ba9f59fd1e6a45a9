import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { from as copyFrom } from "pg-copy-streams";
import { withPg } from "@/bench/bench-database";
import type { HeadroomWeb } from "@/bench/headroom-web";
import { summarize } from "@/bench/interleave";
import { sessionCookie } from "@/bench/session-cookie";
import { appendAuditEvent, AUDIT_TX_OPTIONS } from "@/lib/audit/append-audit-event";
import { GENESIS_HASH, hashAuditRow, type HashedAuditRow } from "@/lib/audit/hash-audit-row";
import { recordFullVerification } from "@/lib/audit/record-full-verification";
import { walkAuditChain } from "@/lib/audit/verify-audit-chain";
import { db } from "@/lib/db";
import { requireAuditKey } from "@/lib/env";

const COLUMNS = ["id", "at", "type", "outcome", "actor_kind", "actor_id", "actor_label", "actor_role", "target_id", "target_slug", "action_id", "remediation_id", "incident_id", "parameters", "error", "ip", "user_agent", "request_id", "break_glass", "data", "prev_hash", "hash", "hash_alg"];

// COPY's text format: backslash, tab and newline escaped, \N for NULL.
const field = (v: string | number | boolean | null) => (v === null ? "\\N" : String(v).replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n"));

/** Row i of a month of a busy console's trail: sign-ins, remediation requests and approvals, target changes. */
function contentOf(i: number, at: number, prevHash: string): HashedAuditRow {
  const kind = i % 4;
  const lead = { actorKind: "user", actorId: 2, actorLabel: "lead@headroom.local", actorRole: "lead" };
  const base = { id: String(i + 1), at: new Date(at).toISOString(), error: null, ip: "10.0.0.7", userAgent: "Mozilla/5.0 (bench)", requestId: `req-${i}`, breakGlass: false, remediationId: null, incidentId: null, prevHash };
  if (kind === 0) return { ...base, ...lead, type: "auth.sign_in", outcome: "ok", targetId: null, targetSlug: null, actionId: null, parameters: null, data: { method: "password" } };
  if (kind === 1) return { ...base, ...lead, type: "remediation.requested", outcome: "accepted", targetId: 1, targetSlug: "freeagentics-api", actionId: "clear-expired-cache", parameters: { pattern: "cache:*" }, data: {} };
  if (kind === 2) return { ...base, ...lead, type: "remediation.approved", outcome: "approved", targetId: 1, targetSlug: "freeagentics-api", actionId: "rolling-restart", parameters: null, data: { note: `round ${i}` } };
  return { ...base, actorKind: "system", actorId: null, actorLabel: "worker", actorRole: null, type: "target.changed", outcome: "ok", targetId: 2, targetSlug: "freeagentics-batch", actionId: null, parameters: { change: i }, data: {} };
}

/** `rows` keyed rows after `after` (the chain's head), hashed by the appender's own hash function, streamed to COPY. */
function* copyLines(rows: number, key: string, after: { id: number; hash: string } | null): Generator<string> {
  const start = Date.now() - rows * 2_500;
  let prevHash = after?.hash ?? GENESIS_HASH;
  const firstId = (after?.id ?? 0) + 1;
  for (let i = 0; i < rows; i++) {
    const row = { ...contentOf(i, start + i * 2_500, prevHash), id: String(firstId + i) };
    const hash = hashAuditRow(row, { alg: "hmac-sha256", key });
    const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
    yield `${[row.id, row.at, row.type, row.outcome, row.actorKind, row.actorId, row.actorLabel, row.actorRole, row.targetId, row.targetSlug, row.actionId, row.remediationId, row.incidentId, json(row.parameters), row.error, row.ip, row.userAgent, row.requestId, row.breakGlass, json(row.data), row.prevHash, hash, "hmac-sha256"].map(field).join("\t")}\n`;
    prevHash = hash;
  }
}

/**
 * The audit page with a million audit rows: the page's whole HTML response for a signed-in
 * lead, p95, with a row appended before each request so that every load has something new to
 * verify. Beside it, what a full walk of the chain costs (what every load cost before, and
 * what `npm run audit:verify` and the worker's sweep cost now).
 */
export async function benchAudit(options: { web: HeadroomWeb; url: string; rows: number; rounds?: number; log: (line: string) => void }) {
  const ROWS = options.rows;
  const key = requireAuditKey();
  options.log(`audit: generating and copying ${ROWS} rows`);
  const loadStart = performance.now();
  let lastId = 0;
  await withPg(options.url, async (client) => {
    // The link trigger checks each row against the newest one: the same check the walk below makes, at a million index lookups.
    await client.query("ALTER TABLE audit_events DISABLE TRIGGER audit_events_chain_link");
    try {
      const batch = 5_000;
      // Rows other benches wrote (token creation is audited) stay at the start of the chain.
      const head = await client.query<{ id: string; hash: string }>("SELECT id::text, hash FROM audit_events ORDER BY id DESC LIMIT 1");
      const after = head.rows[0] ? { id: Number(head.rows[0].id), hash: head.rows[0].hash } : null;
      lastId = (after?.id ?? 0) + ROWS;
      const lines = copyLines(ROWS, key, after);
      const chunks = (function* () {
        let buffer: string[] = [];
        for (const line of lines) {
          buffer.push(line);
          if (buffer.length === batch) {
            yield buffer.join("");
            buffer = [];
          }
        }
        if (buffer.length) yield buffer.join("");
      })();
      await pipeline(Readable.from(chunks), client.query(copyFrom(`COPY audit_events (${COLUMNS.join(", ")}) FROM STDIN`)));
    } finally {
      await client.query("ALTER TABLE audit_events ENABLE TRIGGER audit_events_chain_link");
    }
    await client.query(`SELECT setval('audit_events_id_seq', ${lastId})`);
    await client.query("ANALYZE audit_events");
  });
  const loadS = (performance.now() - loadStart) / 1000;

  const walkStart = new Date();
  const walked = await walkAuditChain();
  const walkS = (Date.now() - walkStart.getTime()) / 1000;
  if (!walked.ok) throw new Error(`the generated chain does not verify: row #${walked.firstBad.id}: ${walked.firstBad.reason}`);
  // As npm run audit:verify does: the page starts from this head.
  await recordFullVerification({ startedAt: walkStart, checked: walked.checked, head: walked.head });

  const cookie = await sessionCookie({ secret: options.web.secret, url: options.web.url, role: "lead" });
  const headers = { cookie: `${cookie.name}=${cookie.value}` };
  const rounds = options.rounds ?? 60;
  const times: number[] = [];
  for (let round = 0; round < rounds + 3; round++) {
    await db.$transaction((tx) => appendAuditEvent(tx, { type: "auth.sign_in", outcome: "ok", actor: { kind: "user", id: 2, label: "lead@headroom.local", role: "lead" }, data: { method: "password" } }), AUDIT_TX_OPTIONS);
    const start = performance.now();
    const response = await fetch(`${options.web.url}/audit`, { headers, redirect: "manual" });
    const html = await response.text();
    if (response.status !== 200 || !/data-testid="audit-chain" data-ok="true"/.test(html)) throw new Error(`/audit answered ${response.status} without an intact chain`);
    if (round >= 3) times.push(performance.now() - start);
  }
  const page = summarize(times);
  return {
    bench: "audit",
    what: `GET /audit for a signed-in lead with ${ROWS.toLocaleString("en")} audit rows and a new row before each request, whole HTML response`,
    rows: ROWS + rounds + 3,
    rounds: page.runs,
    p50_ms: page.p50,
    p95_ms: page.p95,
    target_p95_ms: 300,
    met: page.p95 < 300,
    full_walk_s: Math.round(walkS * 10) / 10,
    full_walk_rows_per_s: Math.round(walked.checked / walkS),
    generate_and_copy_s: Math.round(loadS * 10) / 10,
  };
}
