import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { capabilitiesOf } from "@/lib/auth/permissions";
import { listPendingApprovals } from "@/lib/remediation/request/list-pending-approvals";
import { PendingApprovals } from "@/app/(console)/approvals/_components/pending-approvals";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  const user = await requireUser();
  const pending = await listPendingApprovals();
  const canApprove = capabilitiesOf(user.role).approve;
  return (
    <section aria-labelledby="approvals-heading">
      <h1 id="approvals-heading" className="mb-1 text-2xl font-semibold">Approvals</h1>
      <p className="mb-4 text-sm text-muted">
        Destructive actions run when a lead other than the requester approves them in time.
        {canApprove ? "" : ` You are signed in as ${user.role}: leads approve.`}
      </p>
      <PendingApprovals actions={pending} viewerId={user.id} canApprove={canApprove} />
    </section>
  );
}
