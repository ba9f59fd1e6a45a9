import type { Metadata } from "next";
import { hasPermission } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { EmptyState } from "@/app/_components/empty-state";
import { TargetEditor } from "@/app/(console)/targets/_components/target-editor";

export const metadata: Metadata = { title: "Add service" };

export default async function NewTargetPage() {
  const user = await requireUser();
  if (!hasPermission(user.role, "manage:targets")) {
    return <EmptyState title="Admins only" body={`Services are added by admins; you are signed in as ${user.role}.`} />;
  }
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">Add service</h1>
      <p className="text-sm text-muted">
        Point Headroom at a service: its runbook API, any Prometheus endpoint (node_exporter, cAdvisor, prom-client, Go or Python clients), or
        nothing at all for pushed samples. Test the connection to see what it answers before you save. Operators can provision the same fields
        from a file (HEADROOM_TARGETS_FILE).
      </p>
      <div className="rounded-lg border border-edge bg-panel p-4">
        <TargetEditor
          creating
          provisionedFrom={null}
          initial={{ slug: "", name: "", kind: "prometheus", url: "", preset: "process", usedMetric: "", limitMetric: "", matchLabels: "", memoryLimitMb: "", scrapeIntervalSeconds: "15", enabled: true, maskedDiagnosticsDatabaseUrl: null }}
        />
      </div>
    </section>
  );
}
