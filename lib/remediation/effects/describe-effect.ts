import type { ActionEffect } from "@/lib/remediation/action-view";

const mb = (value: number) => `${Math.round(Math.abs(value)).toLocaleString("en")} MB`;
const rate = (value: number) => `${value >= 0 ? "+" : "−"}${Math.abs(value) >= 10 ? Math.round(Math.abs(value)) : Math.abs(value).toFixed(1)}`;

/** The measured effect in one line: "freed 612 MB; growth slowed from +40 to +3 MB/5 min". */
export function describeEffect(effect: ActionEffect): string | null {
  if (effect.status === "not_applicable") return null;
  const parts: string[] = [];
  if (effect.beforeMb !== null && effect.after1mMb !== null) {
    const freed = effect.beforeMb - effect.after1mMb;
    parts.push(freed >= 0 ? `freed ${mb(freed)}` : `memory rose ${mb(freed)}`);
  }
  if (effect.growthBeforeMbPer5m !== null && effect.growthAfterMbPer5m !== null) {
    const before = effect.growthBeforeMbPer5m;
    const after = effect.growthAfterMbPer5m;
    const verb = Math.abs(after - before) < 0.5 ? "unchanged" : after < before ? "slowed" : "sped up";
    parts.push(verb === "unchanged" ? `growth unchanged at ${rate(after)} MB/5 min` : `growth ${verb} from ${rate(before)} to ${rate(after)} MB/5 min`);
  }
  if (effect.beforeMb !== null && effect.after5mMb !== null) {
    const change = effect.after5mMb - effect.beforeMb;
    parts.push(`5 min later ${mb(effect.after5mMb)} (${change <= 0 ? "−" : "+"}${mb(change)} from before)`);
  }
  if (effect.status === "pending" || effect.status === "partial") parts.push(effect.status === "pending" ? "measuring 1 and 5 min after…" : "measuring 5 min after…");
  if (effect.status === "unavailable") parts.push("no samples were collected after it: effect unknown");
  if (effect.beforeMb === null && effect.status !== "unavailable") parts.push("no sample just before it");
  return parts.join("; ");
}
