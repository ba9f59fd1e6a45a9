import { formatRatio, formatSeconds } from "./describe-alert";

type LooseRule = { name?: unknown; threshold?: unknown; forSeconds?: unknown; lookbackSeconds?: unknown; keepFiringForSeconds?: unknown; recoveryThreshold?: unknown };

const FIELDS = [
  { key: "threshold", label: "threshold", format: (v: number) => formatRatio(v) },
  { key: "forSeconds", label: "for", format: (v: number) => formatSeconds(v) },
  { key: "keepFiringForSeconds", label: "keep firing for", format: (v: number) => formatSeconds(v) },
  { key: "recoveryThreshold", label: "recovery level", format: (v: number) => formatRatio(v) },
  { key: "lookbackSeconds", label: "lookback", format: (v: number) => formatSeconds(v) },
] as const;

/** "SEV-2 threshold 85.0% → 70.0%" lines between two stored rule sets (JSON from alert_rule_versions). */
export function describeRuleChanges(oldRules: unknown, newRules: unknown): string[] {
  const byName = (rules: unknown) =>
    new Map((Array.isArray(rules) ? (rules as LooseRule[]) : []).map((rule) => [String(rule.name), rule]));
  const before = byName(oldRules);
  const after = byName(newRules);
  const lines: string[] = [];
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(name) ?? {};
    const b = after.get(name) ?? {};
    for (const field of FIELDS) {
      const x = a[field.key];
      const y = b[field.key];
      if (x === y) continue;
      const show = (v: unknown) => (typeof v === "number" ? field.format(v) : "off");
      lines.push(`${name} ${field.label} ${show(x)} → ${show(y)}`);
    }
  }
  return lines;
}
