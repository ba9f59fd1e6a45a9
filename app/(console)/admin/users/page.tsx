import type { Metadata } from "next";
import Link from "next/link";
import { hasPermission } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { listUsers } from "@/lib/users/list-users";
import { EmptyState } from "@/app/_components/empty-state";
import { CreateUserForm } from "./_components/create-user-form";
import { UsersTable } from "./_components/users-table";

export const metadata: Metadata = { title: "Users" };

export default async function AdminUsersPage() {
  const user = await requireUser();
  if (!hasPermission(user.role, "manage:users")) {
    return <EmptyState title="Admins only" body={`Users are managed by admins; you are signed in as ${user.role}.`} />;
  }
  const users = await listUsers();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline gap-x-4">
        <h1 className="text-2xl font-semibold">Users</h1>
        <Link href="/admin/notifications" className="text-sm text-accent underline">Notification channels</Link>
      </div>
      <section aria-labelledby="create-user-heading" className="rounded-lg border border-edge bg-panel p-4">
        <h2 id="create-user-heading" className="mb-1 text-lg font-semibold">Create a user</h2>
        <p className="mb-3 text-sm text-muted">
          For email-and-password sign-in; only a bcrypt hash of the password is stored. Single-sign-on users are created at their first sign-in.
        </p>
        <CreateUserForm />
      </section>
      <section aria-labelledby="users-heading" className="rounded-lg border border-edge bg-panel p-4">
        <h2 id="users-heading" className="mb-1 text-lg font-semibold">Users ({users.length})</h2>
        <p className="mb-3 text-sm text-muted">
          A change takes effect on the user&apos;s next request; a disabled user&apos;s session stops working. Every change is in the audit trail.
        </p>
        <UsersTable users={users} currentUserId={user.id} />
      </section>
    </div>
  );
}
