import type { RemediationResult } from "@/lib/target-api/schemas";
import type { RemediationOutcome } from "../model/remediations";
import { iso, round1, roundFigures } from "./format";

export function remediationResult(outcome: RemediationOutcome, nowMs: number): RemediationResult {
  return {
    action: outcome.action,
    timestamp: iso(nowMs),
    freed_mb: round1(outcome.usedBeforeMb - outcome.usedAfterMb),
    used_before_mb: round1(outcome.usedBeforeMb),
    used_after_mb: round1(outcome.usedAfterMb),
    details: roundFigures(outcome.details),
  } as RemediationResult;
}
