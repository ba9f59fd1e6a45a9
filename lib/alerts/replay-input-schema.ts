import { z } from "zod";
import { alertRuleSchema } from "./alert-rule-schema";

const sampleSchema = z.strictObject({
  t: z
    .number({ error: "t must be a number of seconds" })
    .min(0, { error: "t must be 0 or more (evaluations start at 0)" }),
  value: z
    .number({ error: "value must be a number (a ratio of the memory limit)" })
    .min(0, { error: "value must be between 0 and 1" })
    .max(1, { error: "value must be between 0 and 1" }),
});

/** The file `npm run alerts:replay -- <file.json>` reads. */
export const replayInputSchema = z
  .strictObject({
    evaluationIntervalSeconds: z
      .number({ error: "evaluationIntervalSeconds must be a number of seconds" })
      .min(0.001, { error: "evaluationIntervalSeconds must be above 0" })
      .default(15),
    samples: z
      .array(sampleSchema, { error: "samples must be an array of {t, value}" })
      .min(1, { error: "samples must hold at least one sample" }),
    rules: z
      .array(alertRuleSchema, { error: "rules must be an array of rules" })
      .min(1, { error: "rules must hold at least one rule (omit it for the default rules)" })
      .optional(),
  })
  .superRefine((input, ctx) => {
    // Two samples at one instant leave the value at that instant undefined.
    const seen = new Map<number, number>();
    input.samples.forEach((sample, index) => {
      const first = seen.get(sample.t);
      if (first !== undefined) {
        ctx.addIssue({ code: "custom", path: ["samples", index, "t"], message: `t duplicates samples[${first}].t` });
      } else {
        seen.set(sample.t, index);
      }
    });
    // The output names rules, so names must tell them apart.
    const names = new Set<string>();
    input.rules?.forEach((rule, index) => {
      if (names.has(rule.name)) {
        ctx.addIssue({ code: "custom", path: ["rules", index, "name"], message: `name "${rule.name}" is used twice` });
      }
      names.add(rule.name);
    });
  });


/** One line per problem, each starting with the field it is about: `samples[3].value: ...`. */
export function formatIssues({ error }: { error: z.ZodError }): string {
  return error.issues
    .flatMap((issue) => {
      // A typo such as "rule" for "rules" would otherwise silently replay the default rules.
      if (issue.code === "unrecognized_keys") {
        return issue.keys.map((key) => `${formatPath([...issue.path, key])}: unknown field`);
      }
      return [`${formatPath(issue.path) || "(input)"}: ${issue.message}`];
    })
    .join("\n");
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) => (typeof part === "number" ? `[${part}]` : `${index === 0 ? "" : "."}${String(part)}`))
    .join("");
}
