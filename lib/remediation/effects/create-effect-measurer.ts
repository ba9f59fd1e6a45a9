import "server-only";
import { expireApprovals } from "@/lib/remediation/request/expire-approvals";
import { measureEffects } from "@/lib/remediation/effects/measure-effects";

/**
 * The worker's remediation loop: memory 1 and 5 minutes after each action (from collected
 * samples), approvals nobody gave in time, and approved runs that never started.
 */
export function createEffectMeasurer(options: { log?: (line: string) => void } = {}) {
  const log = options.log ?? (() => undefined);
  return {
    async tick(now: Date): Promise<{ measured: number; expired: number }> {
      const expired = await expireApprovals({ now });
      if (expired > 0) log(`remediation: closed ${expired} request(s) that expired without approval`);
      const measured = await measureEffects({ now });
      return { measured, expired };
    },
  };
}
