"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/actions/define-action";
import { targetBySlug } from "@/lib/actions/record-loaders";
import { autoRemediationPolicyInputSchema, saveAutoRemediationPolicy } from "@/lib/remediation/policy/save-policy";

export const saveAutoRemediationPolicyAction = formAction({
  audit: "target.changed",
  input: autoRemediationPolicyInputSchema.extend({ slug: z.string().min(1) }),
  permission: "manage:targets",
  record: targetBySlug,
  run: async ({ input: { slug: _slug, ...input }, user, record: target, meta }) => {
    await saveAutoRemediationPolicy({ targetId: target.id, input, actor: user, meta });
    revalidatePath(`/targets/${target.slug}/settings`);
    return input.enabled ? "Saved. The worker applies the policy from its next tick." : "Saved. The policy is off.";
  },
});
