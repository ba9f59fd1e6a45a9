import "server-only";
import type { RequestMeta } from "@/lib/audit/request-meta";
import { env, isDemoMode } from "@/lib/env";

/** Where a call comes from, and the knobs tests turn; everything else comes from lib/env. */
export type RemediationContext = {
  meta: RequestMeta;
  now?: () => Date;
  demo?: boolean;
  /** Timeout of each call to the target. */
  timeoutMs?: number;
  approvalTtlMs?: number;
  restartPollMs?: number;
};

export type ResolvedContext = Required<Omit<RemediationContext, "restartPollMs">> & { restartPollMs?: number };

export function resolveContext(context: RemediationContext): ResolvedContext {
  const e = env();
  return {
    meta: context.meta,
    now: context.now ?? (() => new Date()),
    demo: context.demo ?? isDemoMode(e),
    timeoutMs: context.timeoutMs ?? e.REMEDIATION_TIMEOUT_MS,
    approvalTtlMs: context.approvalTtlMs ?? e.REMEDIATION_APPROVAL_TTL_SECONDS * 1000,
    restartPollMs: context.restartPollMs,
  };
}
