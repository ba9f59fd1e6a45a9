import type { UserListItem } from "@/lib/users/list-users";
import { LocalTime } from "@/app/(console)/_components/local-time";
import { DisableToggle, ResetPasswordForm, RoleForm } from "./user-controls";
import { TableHead } from "@/app/_components/table-head";

const hostOf = (issuer: string) => {
  try {
    return new URL(issuer).host;
  } catch {
    return issuer;
  }
};

/** One row per user; the signed-in admin's own row offers no demotion or disabling (the server refuses them anyway). */
export function UsersTable({ users, currentUserId }: { users: UserListItem[]; currentUserId: number }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="users-table">
        <TableHead className="text-muted" cellClassName="px-2 py-2 font-medium" columns={["Email", "Name", "Role", "Sign-in", "Status", "Created", "Password"]} />
        <tbody>
          {users.map((u) => {
            const self = u.id === currentUserId;
            // A password on a single-sign-on account would bypass the identity provider: offered only if there is one already.
            const passwordOffered = u.hasPassword || u.ssoIssuers.length === 0;
            return (
              <tr key={u.id} data-testid="user-row" data-email={u.email} className={`border-t border-edge align-top ${u.disabled ? "text-muted" : ""}`}>
                <td className="px-2 py-2 font-medium">{u.email}{self && <span className="ml-1 text-xs text-muted">(you)</span>}</td>
                <td className="px-2 py-2">{u.name}</td>
                <td className="px-2 py-2">
                  {self ? <span data-testid="user-role">{u.role}</span> : <RoleForm userId={u.id} email={u.email} role={u.role} />}
                  {u.ssoIssuers.length > 0 && <p className="mt-1 text-xs text-muted">SSO sign-ins set the role from the IdP&apos;s claim.</p>}
                </td>
                <td className="px-2 py-2">
                  <ul className="space-y-0.5">
                    {u.hasPassword && <li>password</li>}
                    {u.ssoIssuers.map((issuer) => <li key={issuer} title={issuer}>SSO ({hostOf(issuer)})</li>)}
                    {!u.hasPassword && u.ssoIssuers.length === 0 && <li className="text-muted">none yet</li>}
                  </ul>
                </td>
                <td className="px-2 py-2">
                  <p data-testid="user-status" className={u.disabled ? "font-semibold text-crit" : ""}>{u.disabled ? "disabled" : "active"}</p>
                  {!self && <div className="mt-1"><DisableToggle userId={u.id} email={u.email} disabled={u.disabled} /></div>}
                </td>
                <td className="whitespace-nowrap px-2 py-2"><LocalTime iso={u.createdAt.toISOString()} /></td>
                <td className="px-2 py-2">
                  {passwordOffered ? <ResetPasswordForm userId={u.id} email={u.email} /> : <span className="text-xs text-muted">single sign-on only</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
