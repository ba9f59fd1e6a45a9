"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/actions/define-action";
import { targetBySlug } from "@/lib/actions/record-loaders";
import { createIngestToken, revokeIngestToken } from "@/lib/ingest/ingest-tokens";
import { remediationSettingsInputSchema, saveRemediationSettings } from "@/lib/remediation/drivers/save-remediation-settings";
import { updateTarget } from "@/lib/targets/save-target";
import { editTargetFormSchema } from "@/lib/targets/target-form-input";
import { recordIdSchema } from "@/lib/record-id";

const slugField = { slug: z.string().min(1) };

export const updateTargetAction = formAction({
  audit: "target.changed",
  input: editTargetFormSchema,
  permission: "manage:targets",
  record: targetBySlug,
  run: async ({ input: { slug: _slug, ...input }, user, record: target, meta }) => {
    await updateTarget({ targetId: target.id, ...input, actor: user, meta });
    revalidatePath(`/targets/${target.slug}`, "layout");
    return "Saved. The collector uses the new settings from its next scrape.";
  },
});

export const createTokenAction = formAction({
  audit: "token.created",
  input: z.object({ ...slugField, name: z.string().trim().min(1, "name the client that will push").max(100) }),
  permission: "manage:tokens",
  record: targetBySlug,
  run: async ({ input, user, record: target, meta }) => {
    const created = await createIngestToken({ targetId: target.id, name: input.name, actor: user, meta });
    revalidatePath(`/targets/${target.slug}/settings`);
    return { message: `Token "${created.name}" created. Copy it now: it is shown only once.`, token: created.token };
  },
});

export const revokeTokenAction = formAction({
  audit: "token.revoked",
  input: z.object({ ...slugField, tokenId: recordIdSchema("tokenId") }),
  permission: "manage:tokens",
  record: targetBySlug,
  run: async ({ input, user, record: target, meta }) => {
    await revokeIngestToken({ id: input.tokenId, targetId: target.id, actor: user, meta });
    revalidatePath(`/targets/${target.slug}/settings`);
    return "Token revoked: pushes with it are refused from now on.";
  },
});

export const saveRemediationSettingsAction = formAction({
  audit: "target.changed",
  input: remediationSettingsInputSchema.and(z.object(slugField)),
  permission: "manage:targets",
  record: targetBySlug,
  run: async ({ input, user, record: target, meta }) => {
    await saveRemediationSettings({ targetId: target.id, input, actor: user, meta });
    revalidatePath(`/targets/${target.slug}`, "layout");
    return "Saved. Restarts and the Redis cleanup use these settings from now on.";
  },
});
