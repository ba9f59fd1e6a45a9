"use client";

import { useActionState } from "react";
import { ROLES } from "@/lib/auth/permissions";
import { ActionMessage } from "@/app/(console)/_components/action-message";
import { createUserAction } from "@/app/(console)/admin/users/actions";
import { buttonClass, fieldClass } from "./form-styles";

/** Admins only; the action checks again. */
export function CreateUserForm() {
  const [result, action, pending] = useActionState(createUserAction, null);
  return (
    <form action={action} className="space-y-3" aria-label="Create user">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_10rem_1fr_auto] lg:items-end">
        <label className="text-sm">Email<input name="email" type="email" required autoComplete="off" className={fieldClass} /></label>
        <label className="text-sm">Name<input name="name" required maxLength={100} autoComplete="off" className={fieldClass} /></label>
        <label className="text-sm">
          Role
          <select name="role" defaultValue="viewer" className={fieldClass}>
            {ROLES.map((role) => <option key={role} value={role}>{role}</option>)}
          </select>
        </label>
        <label className="text-sm">
          Password (12+ characters)
          <input name="password" type="password" required minLength={12} autoComplete="new-password" className={fieldClass} />
        </label>
        <button type="submit" disabled={pending} className={buttonClass}>{pending ? "Creating…" : "Create user"}</button>
      </div>
      <ActionMessage result={result} testId="create-user-result" />
    </form>
  );
}
