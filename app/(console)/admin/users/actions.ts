"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/actions/define-action";
import { userById } from "@/lib/actions/record-loaders";
import { createUser } from "@/lib/users/create-user";
import { updateUser } from "@/lib/users/update-user";
import { newPasswordSchema, newUserSchema, roleSchema } from "@/lib/users/user-input";
import { recordIdSchema } from "@/lib/record-id";

const userIdField = { userId: recordIdSchema("userId") };

export const createUserAction = formAction({
  audit: "user.created",
  input: newUserSchema,
  permission: "manage:users",
  run: async ({ input, user, meta }) => {
    const created = await createUser({ input, actor: user, meta });
    revalidatePath("/admin/users");
    return `Created ${created.email} (${created.role}). They can sign in with the password you set.`;
  },
});

export const changeRoleAction = formAction({
  audit: "user.changed",
  input: z.object({ ...userIdField, role: roleSchema }),
  permission: "manage:users",
  record: userById,
  run: async ({ input, user, meta }) => {
    const updated = await updateUser({ userId: input.userId, change: { role: input.role }, actor: user, meta });
    revalidatePath("/admin/users");
    return `${updated.email} is now ${updated.role}, from their next request.`;
  },
});

export const setDisabledAction = formAction({
  audit: "user.changed",
  input: z.object({ ...userIdField, disabled: z.enum(["true", "false"]).transform((v) => v === "true") }),
  permission: "manage:users",
  record: userById,
  run: async ({ input, user, meta }) => {
    const updated = await updateUser({ userId: input.userId, change: { disabled: input.disabled }, actor: user, meta });
    revalidatePath("/admin/users");
    return updated.disabled ? `${updated.email} is disabled: their session stops working on their next request.` : `${updated.email} can sign in again.`;
  },
});

export const resetPasswordAction = formAction({
  audit: "user.changed",
  input: z.object({ ...userIdField, password: newPasswordSchema }),
  permission: "manage:users",
  record: userById,
  run: async ({ input, user, meta }) => {
    const updated = await updateUser({ userId: input.userId, change: { password: input.password }, actor: user, meta });
    revalidatePath("/admin/users");
    return `New password set for ${updated.email}.`;
  },
});
