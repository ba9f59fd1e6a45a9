import type { TargetSettings } from "@/lib/targets/get-target-settings";
import type { TargetKind } from "@/lib/targets/target-definition";
import { TargetEditor } from "@/app/(console)/targets/_components/target-editor";

const LIMIT_NOTE: Record<string, (mb: number) => string> = {
  reported: (mb) => `The service reports its limit (${mb.toLocaleString("en")} MB), which overrides the value here.`,
  default: (mb) => `No limit is known yet: ${mb.toLocaleString("en")} MB stands in until the service reports one or you set one.`,
  configured: () => "",
};

/** The collection settings, editable here unless the provisioning file owns them. */
export function TargetForm({ target }: { target: TargetSettings["target"] }) {
  const matchLabels = Object.entries(target.matchLabels).map(([k, v]) => `${k}=${v}`).join(", ");
  const note = (LIMIT_NOTE[target.memoryLimitSource] ?? LIMIT_NOTE.configured)(target.memoryLimitMb);
  return (
    <div className="space-y-3">
      {target.provisionedFrom && (
        <p className="rounded-md border border-edge bg-surface px-3 py-2 text-sm" data-testid="provisioned-note">
          Provisioned from {target.provisionedFrom}: change these settings in the file (the worker applies it when it changes). Remediation, alerting and tokens are managed here.
        </p>
      )}
      {note && <p className="text-sm text-muted" data-testid="limit-note">{note}</p>}
      <TargetEditor
        creating={false}
        provisionedFrom={target.provisionedFrom}
        initial={{
          slug: target.slug,
          name: target.name,
          kind: target.kind as TargetKind,
          url: target.baseUrl,
          preset: target.preset ?? "",
          usedMetric: target.usedMetric ?? "",
          limitMetric: target.limitMetric ?? "",
          matchLabels,
          memoryLimitMb: target.configuredMemoryLimitMb === null ? "" : String(target.configuredMemoryLimitMb),
          scrapeIntervalSeconds: String(target.scrapeIntervalSeconds),
          enabled: target.enabled,
          maskedDiagnosticsDatabaseUrl: target.maskedDiagnosticsDatabaseUrl,
        }}
      />
    </div>
  );
}
