"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { parseForm, runAction, type ActionResult } from "@/lib/actions/action-result";
import { requirePermission, requireUser } from "@/lib/auth/session";
import { createIngestToken, revokeIngestToken } from "@/lib/ingest/ingest-tokens";
import { findTargetBySlug } from "@/lib/targets/find-target";
import { updateTarget } from "@/lib/targets/save-target";
import { readRequestMeta } from "@/lib/audit/read-request-meta";
import { remediationSettingsInputSchema, saveRemediationSettings } from "@/lib/remediation/drivers/save-remediation-settings";
import { targetInputSchema } from "@/lib/targets/target-schema";

const slugField = { slug: z.string().min(1) };

export async function updateTargetAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const form = parseForm(targetInputSchema.extend(slugField), formData);
    const user = await requireUser();
    requirePermission(user, "manage:targets");
    const target = await findTargetBySlug(form.slug);
    const { slug: _slug, ...input } = form;
    await updateTarget({ targetId: target.id, input, actor: user, meta: await readRequestMeta() });
    revalidatePath(`/targets/${target.slug}`, "layout");
    return "Saved. The collector uses the new settings from its next scrape.";
  });
}

export type TokenActionResult = ActionResult & { token?: string };

export async function createTokenAction(_previous: TokenActionResult | null, formData: FormData): Promise<TokenActionResult> {
  let token: string | undefined;
  const result = await runAction(async () => {
    const form = parseForm(z.object({ ...slugField, name: z.string().trim().min(1, "name the client that will push").max(100) }), formData);
    const user = await requireUser();
    requirePermission(user, "manage:tokens");
    const target = await findTargetBySlug(form.slug);
    const created = await createIngestToken({ targetId: target.id, name: form.name, createdById: user.id });
    token = created.token;
    revalidatePath(`/targets/${target.slug}/settings`);
    return `Token "${created.name}" created. Copy it now: it is shown only once.`;
  });
  return token ? { ...result, token } : result;
}

export async function revokeTokenAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const form = parseForm(z.object({ ...slugField, tokenId: z.coerce.number().int().positive() }), formData);
    const user = await requireUser();
    requirePermission(user, "manage:tokens");
    const target = await findTargetBySlug(form.slug);
    await revokeIngestToken({ id: form.tokenId, targetId: target.id });
    revalidatePath(`/targets/${target.slug}/settings`);
    return "Token revoked: pushes with it are refused from now on.";
  });
}

export async function saveRemediationSettingsAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const form = parseForm(remediationSettingsInputSchema.and(z.object(slugField)), formData);
    const user = await requireUser();
    requirePermission(user, "manage:targets");
    const target = await findTargetBySlug(form.slug);
    await saveRemediationSettings({ targetId: target.id, input: form, actor: user, meta: await readRequestMeta() });
    revalidatePath(`/targets/${target.slug}`, "layout");
    return "Saved. Restarts and the Redis cleanup use these settings from now on.";
  });
}
