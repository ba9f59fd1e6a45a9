"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/actions/define-action";
import { targetBySlug } from "@/lib/actions/record-loaders";
import { createSilence, MAX_SILENCE_MINUTES } from "@/lib/alerts/create-silence";
import { formatSeconds } from "@/lib/alerts/describe-alert";
import { endSilence } from "@/lib/alerts/end-silence";
import { updateAlertRules } from "@/lib/alerts/update-alert-rules";
import { MAX_RULE_SECONDS } from "@/lib/alerts/alert-rule-schema";
import { maskUrlPath } from "@/lib/mask-url-password";
import { setTargetWebhook } from "@/lib/notifications/set-target-webhook";
import { recordIdSchema } from "@/lib/record-id";

const slugField = { slug: z.string().min(1) };
const optionalNumber = z.preprocess((v) => (v === "" || v === undefined ? undefined : v), z.coerce.number().optional());
const ruleFields = (prefix: "sev2" | "sev1") => ({
  [`${prefix}_threshold`]: z.coerce.number({ error: "threshold must be a number of percent" }),
  [`${prefix}_for`]: z.coerce.number({ error: "for must be a number of seconds" }).int().min(0).max(MAX_RULE_SECONDS, { error: `for must be at most ${MAX_RULE_SECONDS} s (7 days)` }),
  [`${prefix}_keep`]: optionalNumber,
  [`${prefix}_recovery`]: optionalNumber,
});
const rulesFormSchema = z.object({
  ...slugField,
  expectedVersion: z.coerce.number().int().min(0),
  comment: z.string().max(500).default(""),
  confirmFiring: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()).default(false),
  ...ruleFields("sev2"),
  ...ruleFields("sev1"),
});

function ruleFromForm(form: Record<string, unknown>, prefix: "sev2" | "sev1", name: string) {
  const percent = (key: string) => (form[key] === undefined ? undefined : (form[key] as number) / 100);
  return {
    name,
    threshold: percent(`${prefix}_threshold`) as number,
    forSeconds: form[`${prefix}_for`] as number,
    ...(form[`${prefix}_keep`] !== undefined ? { keepFiringForSeconds: form[`${prefix}_keep`] as number } : {}),
    ...(form[`${prefix}_recovery`] !== undefined ? { recoveryThreshold: percent(`${prefix}_recovery`) } : {}),
  };
}

export const updateRulesAction = formAction({
  audit: "threshold.changed",
  input: rulesFormSchema,
  permission: "manage:thresholds",
  record: targetBySlug,
  run: async ({ input, user, record: target, meta }) => {
    const { version } = await updateAlertRules({
      targetId: target.id,
      rules: [ruleFromForm(input, "sev2", "SEV-2"), ruleFromForm(input, "sev1", "SEV-1")],
      expectedVersion: input.expectedVersion,
      comment: input.comment,
      confirmFiring: input.confirmFiring,
      actor: user,
      meta,
    });
    revalidatePath(`/targets/${target.slug}/alerts`);
    return `Saved as version ${version}; the next evaluation uses it.`;
  },
});

export const createSilenceAction = formAction({
  audit: "silence.created",
  input: z.object({
    ...slugField,
    durationMinutes: z.coerce.number({ error: "choose a duration" }).int().min(1).max(MAX_SILENCE_MINUTES),
    comment: z.string().trim().min(1, { error: "say why: the comment is shown wherever the alert is" }).max(500),
  }),
  permission: "manage:silences",
  record: targetBySlug,
  run: async ({ input, user, record: target, meta }) => {
    await createSilence({ targetId: target.id, durationMinutes: input.durationMinutes, comment: input.comment, actor: user, meta });
    revalidatePath(`/targets/${target.slug}/alerts`);
    revalidatePath("/");
    return `Silenced for ${formatSeconds(input.durationMinutes * 60)}: notifications are held back, the alert is still recorded.`;
  },
});

export const endSilenceAction = formAction({
  audit: "silence.ended",
  input: z.object({ ...slugField, silenceId: recordIdSchema("silenceId") }),
  permission: "manage:silences",
  record: targetBySlug,
  run: async ({ input, user, record: target, meta }) => {
    await endSilence({ silenceId: input.silenceId, targetId: target.id, actor: user, meta });
    revalidatePath(`/targets/${target.slug}/alerts`);
    revalidatePath("/");
    return `Silence #${input.silenceId} ended; notifications it held back go out at the next evaluation.`;
  },
});

export const setWebhookAction = formAction({
  audit: "webhook.changed",
  input: z.object({ ...slugField, intent: z.enum(["save", "remove"]), url: z.string().trim().max(2000).default("") }),
  permission: "manage:targets",
  record: targetBySlug,
  // A Slack URL's path is its secret: a refusal records the host only.
  redact: { url: maskUrlPath },
  run: async ({ input, user, record: target, meta }) => {
    await setTargetWebhook({ targetId: target.id, url: input.intent === "remove" ? null : input.url, actor: user, meta });
    revalidatePath(`/targets/${target.slug}/alerts`);
    return input.intent === "remove" ? "Webhook removed: nobody is notified by webhook now." : "Webhook saved.";
  },
});
