import { z } from "zod";
import { alertRuleSchema } from "./alert-rule-schema";

/**
 * A target's rule set as an admin edits it: exactly the SEV-2 and SEV-1 rules, SEV-1 with the
 * higher threshold (the effective severity is the firing rule with the highest threshold, so
 * the names would lie otherwise).
 */
export const alertRuleSetSchema = z
  .array(alertRuleSchema)
  .superRefine((rules, ctx) => {
    const names = rules.map((r) => r.name).sort();
    if (names.length !== 2 || names[0] !== "SEV-1" || names[1] !== "SEV-2") {
      ctx.addIssue({ code: "custom", message: "the rule set must hold exactly one SEV-2 and one SEV-1 rule" });
      return;
    }
    rules.forEach((rule, index) => {
      for (const key of ["forSeconds", "lookbackSeconds", "keepFiringForSeconds"] as const) {
        const value = rule[key];
        if (value !== undefined && !Number.isInteger(value)) {
          ctx.addIssue({ code: "custom", path: [index, key], message: `${rule.name} ${key} must be a whole number of seconds` });
        }
      }
    });
    const sev2 = rules.find((r) => r.name === "SEV-2")!;
    const sev1 = rules.find((r) => r.name === "SEV-1")!;
    if (!(sev1.threshold > sev2.threshold)) {
      ctx.addIssue({ code: "custom", path: [rules.indexOf(sev1), "threshold"], message: "SEV-1's threshold must be above SEV-2's" });
    }
  })
  .transform((rules) => [...rules].sort((a, b) => a.threshold - b.threshold));
