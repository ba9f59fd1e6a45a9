import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { hasPermission } from "@/lib/auth/permissions";
import { EmptyState } from "@/app/_components/empty-state";

export const metadata: Metadata = { title: "Audit" };

export default async function AuditPage() {
  const user = await requireUser();
  if (!hasPermission(user.role, "read:audit")) {
    return (
      <section>
        <h1 className="mb-4 text-2xl font-semibold">Audit</h1>
        <EmptyState title="Leads only" body={`The audit trail is readable by leads and admins; you are signed in as ${user.role}.`} />
      </section>
    );
  }
  return (
    <section>
      <h1 className="mb-4 text-2xl font-semibold">Audit</h1>
      <EmptyState title="No audited actions yet" body="Remediation actions and sign-ins will be recorded here." />
    </section>
  );
}
