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

/** The consumer the top-consumers callout names: the one that explains a spike's jump, or the one growing most. */
export function pickConsumerCallout({ consumers, diagnosis }: { consumers: readonly ConsumerGrowth[]; diagnosis: Pick<MemoryDiagnosis, "pattern" | "evidence"> }): ConsumerCallout | null {
  const grown = consumers.filter((c): c is ConsumerGrowth & { growthMb: number } => c.growthMb !== null && c.growthMb > 0);
  if (grown.length === 0) return null;
  const top = grown.reduce((best, c) => (c.growthMb > best.growthMb ? c : best));
  const jumpMb = diagnosis.pattern === "spike" ? diagnosis.evidence.largestJumpMb : null;
  const explains = jumpMb !== null && jumpMb > 0 && top.growthMb >= EXPLAINS_JUMP_SHARE * jumpMb;
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
