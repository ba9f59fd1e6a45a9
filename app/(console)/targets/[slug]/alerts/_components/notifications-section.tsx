import Link from "next/link";
import type { TargetAlertSettings } from "@/lib/alerts/get-target-alert-settings";
import { LocalTime } from "@/app/(console)/_components/local-time";
import { WebhookForm } from "./webhook-form";
import { Section } from "./section";

const STATUS_CLASS: Record<string, string> = { delivered: "text-ok", pending: "text-warn", failed: "font-semibold text-crit" };

export function NotificationsSection({ settings, canEdit }: { settings: TargetAlertSettings; canEdit: boolean }) {
  const { webhook, deliveries } = settings;
  const failed = deliveries.filter((d) => d.status === "failed").length;
  return (
    <Section title="Notifications" id="notifications-heading">
      {webhook ? (
        <p className="mb-3 text-sm">
          Webhook <code className="rounded bg-surface px-1">{canEdit ? webhook.url : webhook.maskedUrl}</code>{" "}
          <span className="text-muted">
            (set by {webhook.updatedByEmail}, <LocalTime iso={webhook.updatedAt} />). Sent on firing, severity change, no data and resolution.
          </span>
        </p>
      ) : (
        <p className="mb-3 rounded-md border border-warn/60 bg-warn/10 px-3 py-2 text-sm text-warn" data-testid="no-webhook">
          No webhook: nobody is notified when this target&apos;s alert fires{canEdit ? "; add one below" : "; ask an admin to add one"}.
        </p>
      )}
      {canEdit && <WebhookForm slug={settings.target.slug} url={webhook?.url ?? null} />}
      <h3 className="mt-5 mb-2 text-sm font-semibold">
        Recent deliveries {failed > 0 && <span className="text-crit">· {failed} failed</span>}
      </h3>
      {deliveries.length === 0 ? (
        <p className="text-sm text-muted">Nothing sent yet: notifications are queued when the alert fires, changes severity or resolves.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="deliveries">
            <thead className="text-muted">
              <tr>
                <th className="py-1 pr-4">Queued</th>
                <th className="py-1 pr-4">Kind</th>
                <th className="py-1 pr-4">Status</th>
                <th className="py-1 pr-4">Attempts</th>
                <th className="py-1 pr-4">Last error / next attempt</th>
                <th className="py-1 pr-4">Incident</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((d) => (
                <tr key={d.id} className="border-t border-edge align-top">
                  <td className="py-1 pr-4"><LocalTime iso={d.createdAt} /></td>
                  <td className="py-1 pr-4">{d.kind.replace("_", " ")}</td>
                  <td className={`py-1 pr-4 ${STATUS_CLASS[d.status] ?? ""}`}>{d.status}</td>
                  <td className="py-1 pr-4">{d.attempts} / {d.maxAttempts}</td>
                  <td className="max-w-md py-1 pr-4 break-words">
                    {d.lastError && <span className="text-crit">{d.lastError}</span>}
                    {d.status === "pending" && (
                      <span className="text-muted"> {d.attempts > 0 ? "retry" : "send"} at <LocalTime iso={d.nextAttemptAt} /></span>
                    )}
                  </td>
                  <td className="py-1 pr-4">
                    {d.incidentId !== null ? <Link href={`/incidents/${d.incidentId}`} className="text-accent underline">#{d.incidentId}</Link> : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
