"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { parseForm, runAction, type ActionResult } from "@/lib/actions/action-result";
import { readRequestMeta } from "@/lib/audit/read-request-meta";
import { requirePermission, requireUser } from "@/lib/auth/session";
import { autoRemediationPolicyInputSchema, saveAutoRemediationPolicy } from "@/lib/remediation/policy/save-policy";
import { findTargetBySlug } from "@/lib/targets/find-target";

export async function saveAutoRemediationPolicyAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const form = parseForm(autoRemediationPolicyInputSchema.extend({ slug: z.string().min(1) }), formData);
    const user = await requireUser();
    requirePermission(user, "manage:targets");
    const target = await findTargetBySlug(form.slug);
    const { slug: _slug, ...input } = form;
    await saveAutoRemediationPolicy({ targetId: target.id, input, actor: user, meta: await readRequestMeta() });
    revalidatePath(`/targets/${target.slug}/settings`);
    return input.enabled ? "Saved. The worker applies the policy from its next tick." : "Saved. The policy is off.";
  });
}
