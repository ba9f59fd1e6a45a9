import "server-only";
import { randomUUID } from "node:crypto";
import { db as defaultDb } from "@/lib/db";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import type { AuditEventInput } from "@/lib/audit/audit-event";
import type { RequestMeta } from "@/lib/audit/request-meta";
import type { Prisma } from "@/lib/generated/prisma/client";

// Failed attempts reach the audit trail summarised, so that nobody can grow it at will: per
// kind, subject (account) and address, the first failure of a window is a row of its own;
// the rest are counted and written as one summary row when the window closes (the worker
// sweeps) or the account signs in. All of this module's audit rows are written here.

export const FAILURE_WINDOW_SECONDS = 15 * 60;

export type AttemptKind = "sign-in" | "ingest-token";

export type FailedAttempt = {
  kind: AttemptKind;
  /** The account tried (normalised email); "*" for refusals whatever the account; "" for none. */
  subject: string;
  meta: RequestMeta | null;
  /** Why, in the server's words. */
  reason: string;
  outcome: "failed" | "denied" | "locked" | "unauthenticated";
  data?: Record<string, unknown>;
};

type Window = { kind: string; subject: string; ip: string; firstAt: Date; lastAt: Date; unrecorded: number; lastError: string | null };
type Tx = Prisma.TransactionClient;
type Row = { event: AuditEventInput; meta: RequestMeta | null };

const key = (attempt: { kind: string; subject: string; meta: RequestMeta | null }) => ({
  kind: attempt.kind,
  subject: attempt.subject.slice(0, 320),
  ip: attempt.meta?.ip ?? "",
});

/** Counts a failed attempt, auditing it only if it opens a window (closing a stale one first). */
export async function recordFailedAttempt(attempt: FailedAttempt, options: { now?: Date } = {}): Promise<void> {
  const now = options.now ?? new Date();
  const id = key(attempt);
  await defaultDb.$transaction(async (tx) => {
    // Two first failures at once must not both open the window.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`failed_attempt:${id.kind}:${id.subject}:${id.ip}`}))`;
    const open = await tx.$queryRaw<Window[]>`
      SELECT kind, subject, ip, first_at AS "firstAt", last_at AS "lastAt", unrecorded, last_error AS "lastError", closes_at > ${now} AS "isOpen"
      FROM failed_attempt_windows WHERE kind = ${id.kind} AND subject = ${id.subject} AND ip = ${id.ip} FOR UPDATE`;
    const window = open[0] as (Window & { isOpen: boolean }) | undefined;
    if (window?.isOpen) {
      await tx.failedAttemptWindow.update({
        where: { kind_subject_ip: id },
        data: { unrecorded: { increment: 1 }, lastAt: now, lastError: attempt.reason.slice(0, 500) },
      });
      return;
    }
    const closesAt = new Date(now.getTime() + FAILURE_WINDOW_SECONDS * 1000);
    const fresh = { firstAt: now, lastAt: now, closesAt, unrecorded: 0, lastError: attempt.reason.slice(0, 500) };
    await tx.failedAttemptWindow.upsert({ where: { kind_subject_ip: id }, create: { ...id, ...fresh }, update: fresh });
    const rows: Row[] = window && window.unrecorded > 0 ? [summaryRow(window, attempt.meta)] : [];
    rows.push({ event: firstFailureEvent(attempt), meta: attempt.meta });
    await appendAll(tx, rows, now);
  });
}

/** A success for `subject` (an account signed in): its open windows end now, summarised. Call it in the success's transaction. */
export async function closeFailureWindows(options: { tx: Tx; kind: AttemptKind; subject: string; meta: RequestMeta | null; now?: Date }): Promise<void> {
  const windows = await options.tx.$queryRaw<Window[]>`
    SELECT kind, subject, ip, first_at AS "firstAt", last_at AS "lastAt", unrecorded, last_error AS "lastError"
    FROM failed_attempt_windows WHERE kind = ${options.kind} AND subject = ${options.subject.slice(0, 320)} FOR UPDATE`;
  await closeWindows(options.tx, windows, options.meta, options.now ?? new Date());
}

/** Summarises and removes every window that has closed; the worker calls it on each tick. Returns how many. */
export async function flushClosedFailureWindows(options: { now?: Date; meta: RequestMeta }): Promise<number> {
  const now = options.now ?? new Date();
  if (!(await defaultDb.failedAttemptWindow.findFirst({ where: { closesAt: { lte: now } }, select: { kind: true } }))) return 0;
  return defaultDb.$transaction(async (tx) => {
    const windows = await tx.$queryRaw<Window[]>`
      SELECT kind, subject, ip, first_at AS "firstAt", last_at AS "lastAt", unrecorded, last_error AS "lastError"
      FROM failed_attempt_windows WHERE closes_at <= ${now} ORDER BY closes_at LIMIT 500 FOR UPDATE SKIP LOCKED`;
    await closeWindows(tx, windows, options.meta, now);
    return windows.length;
  });
}

async function closeWindows(tx: Tx, windows: Window[], meta: RequestMeta | null, now: Date): Promise<void> {
  for (const w of windows) await tx.failedAttemptWindow.delete({ where: { kind_subject_ip: { kind: w.kind, subject: w.subject, ip: w.ip } } });
  await appendAll(tx, windows.filter((w) => w.unrecorded > 0).map((w) => summaryRow(w, meta)), now);
}

// The one place this module writes to the audit trail; appended last in the transaction.
async function appendAll(tx: Tx, rows: Row[], now: Date): Promise<void> {
  for (const row of rows) await appendAuditEvent(tx, row.event, { meta: row.meta, now });
}

function firstFailureEvent(attempt: FailedAttempt): AuditEventInput {
  const actor = { kind: "anonymous" as const, label: attempt.subject && attempt.subject !== "*" ? attempt.subject.slice(0, 320) : null };
  const data = { ...attempt.data, window: `${FAILURE_WINDOW_SECONDS / 60} min: further failures are summarised` };
  if (attempt.kind === "ingest-token") {
    return { type: "ingest.token_refused", outcome: attempt.outcome === "locked" ? "locked" : "unauthenticated", actor, error: attempt.reason, data };
  }
  return { type: "auth.sign_in_failed", outcome: attempt.outcome === "unauthenticated" ? "failed" : attempt.outcome, actor, error: attempt.reason, data };
}

/** The summary row carries the window's address; user agent and request id are those of whatever closed it. */
function summaryRow(w: Window, closedBy: RequestMeta | null): Row {
  const account = w.subject === "*" ? "any account" : w.subject ? `account ${w.subject}` : "no account";
  const what = w.kind === "ingest-token" ? "refused ingest pushes" : "failed sign-in attempts";
  const event: AuditEventInput = {
    type: "auth.failed_attempts_summarized",
    outcome: "failed",
    actor: { kind: "system", label: "failed-attempt summary" },
    error: `${w.unrecorded} more ${what} from IP ${w.ip || "unknown"} for ${account} between ${w.firstAt.toISOString()} and ${w.lastAt.toISOString()}`,
    data: { kind: w.kind, account: w.subject || null, ip: w.ip || null, count: w.unrecorded, from: w.firstAt.toISOString(), to: w.lastAt.toISOString(), lastError: w.lastError },
  };
  return { event, meta: { ip: w.ip || null, userAgent: closedBy?.userAgent ?? null, requestId: closedBy?.requestId ?? randomUUID() } };
}
