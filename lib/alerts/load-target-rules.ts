import "server-only";
import { db as defaultDb, type Db } from "@/lib/db";
import { env } from "@/lib/env";
import { alertRuleSchema, type AlertRule } from "./alert-rule-schema";
import { getDefaultRules } from "./default-rules";

export type TargetRules = {
  rules: AlertRule[];
  /** Version of the target's rule set; 0 while it uses the defaults. */
  version: number;
  isDefault: boolean;
};

type RuleRow = {
  name: string;
  threshold: number;
  forSeconds: number;
  lookbackSeconds: number;
  keepFiringForSeconds: number | null;
  recoveryThreshold: number | null;
  version: number;
};

/** The default rules as this deployment configures them (ALERT_FOR_SECONDS). */
export function configuredDefaultRules(): AlertRule[] {
  return getDefaultRules({ forSeconds: env().ALERT_FOR_SECONDS });
}

export function ruleFromRow(row: Omit<RuleRow, "version">): AlertRule {
  return alertRuleSchema.parse({
    name: row.name,
    threshold: row.threshold,
    forSeconds: row.forSeconds,
    lookbackSeconds: row.lookbackSeconds,
    ...(row.keepFiringForSeconds !== null ? { keepFiringForSeconds: row.keepFiringForSeconds } : {}),
    ...(row.recoveryThreshold !== null ? { recoveryThreshold: row.recoveryThreshold } : {}),
  });
}

/** A target's current rules, lowest threshold first; the defaults until an admin edits them. */
export async function loadTargetRules(options: { targetId: number; db?: Db; defaults?: readonly AlertRule[] }): Promise<TargetRules> {
  const db = options.db ?? defaultDb;
  const rows: RuleRow[] = await db.targetAlertRule.findMany({
    where: { targetId: options.targetId },
    select: { name: true, threshold: true, forSeconds: true, lookbackSeconds: true, keepFiringForSeconds: true, recoveryThreshold: true, version: true },
    orderBy: { threshold: "asc" },
  });
  if (rows.length === 0) {
    return { rules: [...(options.defaults ?? configuredDefaultRules())], version: 0, isDefault: true };
  }
  return { rules: rows.map(ruleFromRow), version: rows[0].version, isDefault: false };
}
