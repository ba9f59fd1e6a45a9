import type { MemoryDiagnosis } from "@/lib/diagnosis/diagnose-memory";
import type { ConsumerGrowth } from "@/lib/console/attribute-consumer-growth";

export type ConsumerCallout = {
  name: string;
  component: string;
  growthMb: number;
  appeared: boolean;
  /** explains_jump: on a spike, it grew by at least half the jump. growing_most: otherwise, the largest growth. */
  reason: "explains_jump" | "growing_most";
  jumpMb: number | null;
  jumpAt: number | null;
};

/** Share of the diagnosed jump a consumer's growth must reach to be named as explaining it. */
export const EXPLAINS_JUMP_SHARE = 0.5;

/**
 * How far outside the jump a consumer may first be seen and still be part of it: its first
 * scrape can come a scrape interval (up to 60 s) late, and the jump is found on a series
 * smoothed over ±60 s.
 */
export const APPEARED_WITH_JUMP_SLACK_MS = 2 * 60_000;

/** The consumer the top-consumers callout names: the one that explains a spike's jump, or the one growing most. */
export function pickConsumerCallout({ consumers, diagnosis }: { consumers: readonly ConsumerGrowth[]; diagnosis: { pattern: MemoryDiagnosis["pattern"]; evidence: Pick<MemoryDiagnosis["evidence"], "largestJumpMb" | "largestJumpAt" | "largestJumpFrom" | "largestJumpTo"> } }): ConsumerCallout | null {
  const grown = consumers.filter((c): c is ConsumerGrowth & { growthMb: number } => c.growthMb !== null && c.growthMb > 0);
  if (grown.length === 0) return null;
  const top = grown.reduce((best, c) => (c.growthMb > best.growthMb ? c : best));
  const jumpMb = diagnosis.pattern === "spike" ? diagnosis.evidence.largestJumpMb : null;
  const explains = jumpMb !== null && jumpMb > 0 && top.growthMb >= EXPLAINS_JUMP_SHARE * jumpMb && appearedWithJump(top, diagnosis.evidence);
  return {
    name: top.name,
    component: top.component,
    growthMb: top.growthMb,
    appeared: top.appeared,
    reason: explains ? "explains_jump" : "growing_most",
    jumpMb,
    jumpAt: diagnosis.pattern === "spike" ? diagnosis.evidence.largestJumpAt : null,
  };
}

/**
 * A consumer that appeared in the range explains a jump only if it appeared with it: an import
 * that arrived after an earlier spike let go is not that spike's cause, however large. One that
 * was there from the start may have grown at any time; its size is the only evidence.
 */
function appearedWithJump(consumer: ConsumerGrowth, evidence: { largestJumpFrom: number | null; largestJumpTo: number | null }): boolean {
  if (!consumer.appeared || consumer.appearedAt === null) return true;
  const { largestJumpFrom: from, largestJumpTo: to } = evidence;
  if (from === null || to === null) return false;
  return consumer.appearedAt >= from - APPEARED_WITH_JUMP_SLACK_MS && consumer.appearedAt <= to + APPEARED_WITH_JUMP_SLACK_MS;
}
