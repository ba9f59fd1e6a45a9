import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";

// bcrypt reads only the first 72 bytes: a longer password would silently mean less than it says.
const BCRYPT_MAX_BYTES = 72;

/** A password an admin sets for email-and-password sign-in. */
export const newPasswordSchema = z
  .string()
  .min(12, { error: "the password needs at least 12 characters" })
  .refine((password) => new TextEncoder().encode(password).length <= BCRYPT_MAX_BYTES, {
    error: `the password may have at most ${BCRYPT_MAX_BYTES} bytes (bcrypt ignores the rest)`,
  });

export const roleSchema = z.enum(ROLES, { error: `the role is one of ${ROLES.join(", ")}` });

export const newUserSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email({ error: "not an email address" })).pipe(z.string().max(320)),
  name: z.string().trim().min(1, { error: "a name is needed" }).max(100),
  role: roleSchema,
  password: newPasswordSchema,
});
export type NewUser = z.input<typeof newUserSchema>;

/** What one change to a user may touch; at least one of them. */
export const userChangeSchema = z
  .object({ role: roleSchema.optional(), disabled: z.boolean().optional(), password: newPasswordSchema.optional() })
  .refine((change) => change.role !== undefined || change.disabled !== undefined || change.password !== undefined, {
    error: "nothing to change",
  });
export type UserChange = z.input<typeof userChangeSchema>;

/** The admin making a change, as requireUser returned them. */
export type UserAdmin = { id: number; email: string; role: string };
