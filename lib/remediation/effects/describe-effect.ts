import type { ActionEffect, EffectAttribution } from "@/lib/remediation/action-view";

const mb = (value: number) => `${Math.round(Math.abs(value)).toLocaleString("en")} MB`;
const rate = (value: number) => `${value >= 0 ? "+" : "−"}${Math.abs(value) >= 10 ? Math.round(Math.abs(value)) : Math.abs(value).toFixed(1)}`;
const ids = (list: readonly number[]) => {
  const tags = list.map((id) => `#${id}`);
  return tags.length <= 1 ? tags.join("") : `${tags.slice(0, -1).join(", ")} and ${tags.at(-1)}`;
};

/**
 * The measured effect in one line: "freed 612 MB; growth slowed from +40 to +3 MB/5 min". An
 * action measured together with others says so; the group's combined figures are given once, on
 * its first action, and each action adds only what is its own (docs/decisions/0014-effect-attribution.md).
 * Nothing is said about an action that has not run.
 */
export function describeEffect(effect: ActionEffect): string | null {
  if (effect.status === "not_applicable" || effect.status === "not_run") return null;
  const attribution = effect.attribution ?? null;
  if (!attribution?.confounded) return [describeWindow(effect), ...describeOwn(attribution, { alone: true })].filter(Boolean).join("; ");
  const lead = attribution.groupId;
  const others = attribution.measuredWith;
  if (!others.includes(lead)) {
    const together = describeWindow(effect);
    return [`measured together with ${ids(others)}${together ? `: together ${together}` : ""}`, ...describeOwn(attribution, { alone: false })].join("; ");
  }
  return [`measured together with ${ids(others)} (combined figures on #${lead})`, ...describeOwn(attribution, { alone: false })].join("; ");
}

/** The window's figures: before (the first action's), 1 and 5 minutes after, growth before and after. */
function describeWindow(effect: ActionEffect): string {
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
  const cutBy = effect.attribution?.cutById ?? null;
  if (cutBy !== null && effect.after1mMb !== null && effect.after5mMb === null && effect.status === "complete") parts.push(`no 5-min figure: the restart #${cutBy} started before`);
  if (effect.status === "pending" || effect.status === "partial") parts.push(effect.status === "pending" ? "measuring 1 and 5 min after…" : "measuring 5 min after…");
  if (effect.status === "unavailable") {
    parts.push(cutBy !== null ? `the restart #${cutBy} ended the window before 1 min: effect unknown` : "no samples were collected after it: effect unknown");
  }
  if (effect.beforeMb === null && effect.status !== "unavailable") parts.push("no sample just before it");
  return parts.join("; ");
}

/** What is this action's alone: the target's own figure, and the samples before the next action started. */
function describeOwn(attribution: EffectAttribution | null, { alone }: { alone: boolean }): string[] {
  if (!attribution) return [];
  const parts: string[] = [];
  if (!alone && attribution.reportedFreedMb !== null) parts.push(`the target reported ${mb(attribution.reportedFreedMb)} freed by this call`);
  if (!alone) {
    if (attribution.changeMb !== null) {
      const sign = attribution.changeMb <= 0 ? "−" : "+";
      parts.push(`${sign}${mb(attribution.changeMb)} ${attribution.nextId !== null ? `before #${attribution.nextId} started` : "by the end of its window"}`);
    } else {
      parts.push(attribution.nextId !== null ? `no sample between it and #${attribution.nextId}` : "no sample of its own");
    }
  }
  return parts;
}
