"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { parseForm, runAction, type ActionResult } from "@/lib/actions/action-result";
import { createSilence, MAX_SILENCE_MINUTES } from "@/lib/alerts/create-silence";
import { formatSeconds } from "@/lib/alerts/describe-alert";
import { endSilence } from "@/lib/alerts/end-silence";
import { updateAlertRules } from "@/lib/alerts/update-alert-rules";
import { readRequestMeta } from "@/lib/audit/read-request-meta";
import { requirePermission, requireUser } from "@/lib/auth/session";
import { setTargetWebhook } from "@/lib/notifications/set-target-webhook";
import { findTargetBySlug } from "@/lib/targets/find-target";

const optionalNumber = z.preprocess((v) => (v === "" || v === undefined ? undefined : v), z.coerce.number().optional());
const ruleFields = (prefix: "sev2" | "sev1") => ({
  [`${prefix}_threshold`]: z.coerce.number({ error: "threshold must be a number of percent" }),
  [`${prefix}_for`]: z.coerce.number({ error: "for must be a number of seconds" }).int().min(0),
  [`${prefix}_keep`]: optionalNumber,
  [`${prefix}_recovery`]: optionalNumber,
});
const rulesFormSchema = z.object({
  slug: z.string().min(1),
  expectedVersion: z.coerce.number().int().min(0),
  comment: z.string().max(500).default(""),
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

export async function updateRulesAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const form = parseForm(rulesFormSchema, formData);
    const user = await requireUser();
    requirePermission(user, "manage:thresholds");
    const target = await findTargetBySlug(form.slug);
    const { version } = await updateAlertRules({
      targetId: target.id,
      rules: [ruleFromForm(form, "sev2", "SEV-2"), ruleFromForm(form, "sev1", "SEV-1")],
      expectedVersion: form.expectedVersion,
      comment: form.comment,
      actor: user,
      meta: await readRequestMeta(),
    });
    revalidatePath(`/targets/${target.slug}/alerts`);
    return `Saved as version ${version}; the next evaluation uses it.`;
  });
}

const silenceFormSchema = z.object({
  slug: z.string().min(1),
  durationMinutes: z.coerce.number({ error: "choose a duration" }).int().min(1).max(MAX_SILENCE_MINUTES),
  comment: z.string().trim().min(1, { error: "say why: the comment is shown wherever the alert is" }).max(500),
});

export async function createSilenceAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const form = parseForm(silenceFormSchema, formData);
    const user = await requireUser();
    requirePermission(user, "manage:silences");
    const target = await findTargetBySlug(form.slug);
    await createSilence({ targetId: target.id, durationMinutes: form.durationMinutes, comment: form.comment, actor: user });
    revalidatePath(`/targets/${target.slug}/alerts`);
    revalidatePath("/");
    return `Silenced for ${formatSeconds(form.durationMinutes * 60)}: notifications are held back, the alert is still recorded.`;
  });
}

const endSilenceFormSchema = z.object({ slug: z.string().min(1), silenceId: z.coerce.number().int().positive() });

export async function endSilenceAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const form = parseForm(endSilenceFormSchema, formData);
    const user = await requireUser();
    requirePermission(user, "manage:silences");
    const target = await findTargetBySlug(form.slug);
    await endSilence({ silenceId: form.silenceId, targetId: target.id, actor: user });
    revalidatePath(`/targets/${target.slug}/alerts`);
    revalidatePath("/");
    return `Silence #${form.silenceId} ended; notifications it held back go out at the next evaluation.`;
  });
}

const webhookFormSchema = z.object({
  slug: z.string().min(1),
  intent: z.enum(["save", "remove"]),
  url: z.string().trim().max(2000).default(""),
});

export async function setWebhookAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const form = parseForm(webhookFormSchema, formData);
    const user = await requireUser();
    requirePermission(user, "manage:targets");
    const target = await findTargetBySlug(form.slug);
    await setTargetWebhook({ targetId: target.id, url: form.intent === "remove" ? null : form.url, actor: user });
    revalidatePath(`/targets/${target.slug}/alerts`);
    return form.intent === "remove" ? "Webhook removed: nobody is notified by webhook now." : "Webhook saved.";
  });
}
