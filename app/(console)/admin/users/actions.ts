"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { parseForm, type ActionResult } from "@/lib/actions/action-result";
import { requirePermission, requireUser } from "@/lib/auth/session";
import { auditedUserAction } from "@/lib/users/audited-user-action";
import { createUser } from "@/lib/users/create-user";
import { updateUser } from "@/lib/users/update-user";
import { newPasswordSchema, newUserSchema, roleSchema } from "@/lib/users/user-input";

const userIdField = { userId: z.coerce.number().int().positive() };
const roleFormSchema = z.object({ ...userIdField, role: roleSchema });
const disabledFormSchema = z.object({ ...userIdField, disabled: z.enum(["true", "false"]).transform((v) => v === "true") });
const passwordFormSchema = z.object({ ...userIdField, password: newPasswordSchema });

export async function createUserAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return auditedUserAction({ type: "user.created", formData }, async (meta) => {
    const form = parseForm(newUserSchema, formData);
    const user = await requireUser();
    requirePermission(user, "manage:users");
    const created = await createUser({ input: form, actor: user, meta });
    revalidatePath("/admin/users");
    return `Created ${created.email} (${created.role}). They can sign in with the password you set.`;
  });
}

export async function changeRoleAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return auditedUserAction({ type: "user.changed", formData }, async (meta) => {
    const form = parseForm(roleFormSchema, formData);
    const user = await requireUser();
    requirePermission(user, "manage:users");
    const updated = await updateUser({ userId: form.userId, change: { role: form.role }, actor: user, meta });
    revalidatePath("/admin/users");
    return `${updated.email} is now ${updated.role}, from their next request.`;
  });
}

export async function setDisabledAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return auditedUserAction({ type: "user.changed", formData }, async (meta) => {
    const form = parseForm(disabledFormSchema, formData);
    const user = await requireUser();
    requirePermission(user, "manage:users");
    const updated = await updateUser({ userId: form.userId, change: { disabled: form.disabled }, actor: user, meta });
    revalidatePath("/admin/users");
    return updated.disabled ? `${updated.email} is disabled: their session stops working on their next request.` : `${updated.email} can sign in again.`;
  });
}

export async function resetPasswordAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return auditedUserAction({ type: "user.changed", formData }, async (meta) => {
    const form = parseForm(passwordFormSchema, formData);
    const user = await requireUser();
    requirePermission(user, "manage:users");
    const updated = await updateUser({ userId: form.userId, change: { password: form.password }, actor: user, meta });
    revalidatePath("/admin/users");
    return `New password set for ${updated.email}.`;
  });
}
