import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { RemediationContext } from "@/lib/remediation/remediation-context";
import type { PolicyRunState, PolicySettings } from "@/lib/remediation/policy/evaluate-policy";
import { runPolicy, type PolicyRow, type PolicyRunResult } from "@/lib/remediation/policy/run-policy";

/** Longer than one evaluation (a cleanup call's timeout); a worker that dies frees its claim after this. */
const CLAIM_MS = 5 * 60_000;

type ClaimedRow = {
  target_id: number;
  slug: string;
  memory_limit_mb: number;
  enabled: boolean;
  threshold: number;
  recheck_seconds: number;
  cooldown_seconds: number;
  escalate_to: string;
  last_run_at: Date | null;
  run_state: string | null;
};

/**
 * The worker's auto-remediation loop. Each enabled policy is claimed with a short lease
 * (UPDATE … WHERE unclaimed … RETURNING), so with several workers one of them evaluates a
 * target at a time; the action idempotency keys are the second guard.
 */
export function createPolicyRunner(options: { workerId: string; log?: (line: string) => void; context?: Partial<RemediationContext> }) {
  const log = options.log ?? (() => undefined);
  return {
    async tick(now: Date): Promise<Map<number, PolicyRunResult>> {
      const results = new Map<number, PolicyRunResult>();
      const enabled = await db.autoRemediationPolicy.findMany({ where: { enabled: true, target: { enabled: true } }, select: { targetId: true } });
      for (const { targetId } of enabled) {
        const policy = await claim(targetId, options.workerId, now);
        if (!policy) continue;
        try {
          const context: RemediationContext = {
            meta: { ip: null, userAgent: "headroom-worker", requestId: `policy-${randomUUID()}` },
            ...options.context,
          };
          const result = await runPolicy({ policy, now, context });
          results.set(targetId, result);
          if (result.decision.kind !== "idle" && result.decision.kind !== "cooldown" && result.decision.kind !== "recheck") {
            log(`auto-remediation ${policy.slug}: ${result.decision.kind} (${result.decision.reason})${result.remediationId ? ` → #${result.remediationId}` : ""}${result.message ? `: ${result.message}` : ""}`);
          }
        } finally {
          await db.$executeRaw`UPDATE auto_remediation_policies SET claimed_by = NULL, claimed_until = NULL WHERE target_id = ${targetId} AND claimed_by = ${options.workerId}`;
        }
      }
      return results;
    },
  };
}

async function claim(targetId: number, workerId: string, now: Date): Promise<PolicyRow | null> {
  const until = new Date(now.getTime() + CLAIM_MS);
  const rows = await db.$queryRaw<ClaimedRow[]>`
    UPDATE auto_remediation_policies p SET claimed_by = ${workerId}, claimed_until = ${until}
    FROM targets t
    WHERE p.target_id = ${targetId} AND t.id = p.target_id AND p.enabled AND t.enabled
      AND (p.claimed_until IS NULL OR p.claimed_until < ${now})
    RETURNING p.target_id, t.slug, t.memory_limit_mb, p.enabled, p.threshold, p.recheck_seconds, p.cooldown_seconds,
      p.escalate_to, p.last_run_at, p.run_state`;
  const row = rows[0];
  if (!row) return null;
  const settings: PolicySettings = {
    enabled: row.enabled,
    threshold: row.threshold,
    recheckSeconds: row.recheck_seconds,
    cooldownSeconds: row.cooldown_seconds,
    escalateTo: row.escalate_to === "none" ? "none" : "rolling-restart",
  };
  return { ...settings, targetId: row.target_id, slug: row.slug, memoryLimitMb: row.memory_limit_mb, lastRunAt: row.last_run_at, runState: row.run_state as PolicyRunState | null };
}
