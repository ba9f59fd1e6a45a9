"use client";

import { useActionState } from "react";
import { ROLES } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";
import { ActionMessage } from "@/app/(console)/_components/action-message";
import { changeRoleAction, resetPasswordAction, setDisabledAction } from "@/app/(console)/admin/users/actions";
import { inlineFieldClass, quietButtonClass } from "./form-styles";

type Props = { userId: number; email: string };

export function RoleForm({ userId, email, role }: Props & { role: Role }) {
  const [result, action, pending] = useActionState(changeRoleAction, null);
  return (
    <form action={action} className="space-y-1">
      <input type="hidden" name="userId" value={userId} />
      <div className="flex items-center gap-2">
        <select name="role" defaultValue={role} aria-label={`Role of ${email}`} className={inlineFieldClass}>
          {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
        </select>
        <button type="submit" disabled={pending} className={quietButtonClass}>{pending ? "Saving…" : "Change role"}</button>
      </div>
      <ActionMessage result={result} />
    </form>
  );
}

export function DisableToggle({ userId, email, disabled }: Props & { disabled: boolean }) {
  const [result, action, pending] = useActionState(setDisabledAction, null);
  return (
    <form action={action} className="space-y-1">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="disabled" value={disabled ? "false" : "true"} />
      <button type="submit" disabled={pending} aria-label={`${disabled ? "Enable" : "Disable"} ${email}`} className={`${quietButtonClass} ${disabled ? "" : "text-crit"}`}>
        {disabled ? "Enable" : "Disable"}
      </button>
      <ActionMessage result={result} />
    </form>
  );
}

export function ResetPasswordForm({ userId, email }: Props) {
  const [result, action, pending] = useActionState(resetPasswordAction, null);
  return (
    <form action={action} className="space-y-1">
      <input type="hidden" name="userId" value={userId} />
      <div className="flex items-center gap-2">
        <input
          name="password"
          type="password"
          required
          minLength={12}
          autoComplete="new-password"
          placeholder="new password"
          aria-label={`New password for ${email}`}
          className={`${inlineFieldClass} w-40`}
        />
        <button type="submit" disabled={pending} className={quietButtonClass}>{pending ? "Setting…" : "Reset password"}</button>
      </div>
      <ActionMessage result={result} />
    </form>
  );
}
