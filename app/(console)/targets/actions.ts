"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formAction } from "@/lib/actions/define-action";
import { targetBySlug } from "@/lib/actions/record-loaders";
import { createTarget } from "@/lib/targets/create-target";
import { deleteTarget } from "@/lib/targets/delete-target";
import { newTargetFormSchema } from "@/lib/targets/target-form-input";
import { testTargetConnection } from "@/lib/targets/test-target-connection";

export const createTargetAction = formAction({
  audit: "target.created",
  input: newTargetFormSchema,
  permission: "manage:targets",
  run: async ({ input, user, meta }) => {
    const created = await createTarget({ definition: input, actor: user, meta });
    revalidatePath("/", "layout");
    return { message: `Added ${input.name}. ${input.kind === "push" ? "Create an ingest token in its settings so it can push." : "The collector scrapes it from now on."}`, slug: created.slug };
  },
});

/** Calls the service the way the collector would and reports what it found; stores nothing. */
export const testConnectionAction = formAction({
  audit: "target.tested",
  // The slug is not needed to test; a placeholder keeps the form's rules whole.
  input: z.preprocess((raw) => ({ ...(raw as object), slug: "connection-test", diagnostics_database_url: undefined }), newTargetFormSchema),
  permission: "manage:targets",
  run: async ({ input }) => {
    const report = await testTargetConnection({ definition: input });
    return { message: report.headline, report };
  },
});

export const deleteTargetAction = formAction({
  audit: "target.deleted",
  input: z.object({ slug: z.string().min(1), confirmation: z.string().default("") }),
  permission: "manage:targets",
  record: targetBySlug,
  run: async ({ input, user, record: target, meta }) => {
    await deleteTarget({ targetId: target.id, confirmation: input.confirmation, actor: user, meta });
    revalidatePath("/", "layout");
    redirect(`/targets?deleted=${encodeURIComponent(target.slug)}`);
  },
});
