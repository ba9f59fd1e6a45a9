import Link from "next/link";
import type { TargetAlertSettings } from "@/lib/alerts/get-target-alert-settings";
import { LocalTime } from "@/app/(console)/_components/local-time";
import { ChannelForm } from "@/app/(console)/_components/channels/channel-form";
import { ChannelList } from "@/app/(console)/_components/channels/channel-list";
import { removeChannelAction, saveChannelAction } from "@/app/(console)/targets/[slug]/alerts/actions";
import { Section } from "./section";
import { TableHead } from "@/app/_components/table-head";

const STATUS_CLASS: Record<string, string> = { delivered: "text-ok", pending: "text-warn", failed: "font-semibold text-crit" };

export function NotificationsSection({ settings, canEdit }: { settings: TargetAlertSettings; canEdit: boolean }) {
  const { channels, deliveries } = settings;
  const failed = deliveries.filter((d) => d.status === "failed").length;
  const hidden = { slug: settings.target.slug };
  return (
    <Section title="Notifications" id="notifications-heading">
      {channels.length === 0 ? (
        <p className="mb-3 rounded-md border border-warn/60 bg-warn/10 px-3 py-2 text-sm text-warn" data-testid="no-webhook">
          No notification channel: nobody is notified when this target&apos;s alert fires{canEdit ? "; add one below" : "; ask an admin to add one"}.
        </p>
      ) : (
        <div className="mb-3">
          <ChannelList channels={channels} canEdit={canEdit} editable="target" save={saveChannelAction} remove={removeChannelAction} hidden={hidden} />
        </div>
      )}
      {canEdit && (
        <details className="rounded-md border border-edge p-3" open={channels.length === 0}>
          <summary className="cursor-pointer text-sm font-semibold">Add a channel for this target</summary>
          <div className="mt-2">
            <ChannelForm save={saveChannelAction} hidden={hidden} testId="channel-add" />
            <p className="mt-2 text-xs text-muted">Channels for every target are on <Link href="/admin/notifications" className="text-accent underline">Notifications</Link>.</p>
          </div>
        </details>
      )}
      <h3 className="mt-5 mb-2 text-sm font-semibold">
        Recent deliveries {failed > 0 && <span className="text-crit">· {failed} failed</span>}
      </h3>
      {deliveries.length === 0 ? (
        <p className="text-sm text-muted">Nothing sent yet: notifications are queued when the alert fires, changes severity or resolves.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="deliveries">
            <TableHead className="text-muted" cellClassName="py-1 pr-4" columns={["Queued", "Kind", "Channel", "Status", "Attempts", "Last error / next attempt", "Incident"]} />
            <tbody>
              {deliveries.map((d) => (
                <tr key={d.id} className="border-t border-edge align-top">
                  <td className="py-1 pr-4"><LocalTime iso={d.createdAt} /></td>
                  <td className="py-1 pr-4">{d.kind.replace("_", " ")}</td>
                  <td className="py-1 pr-4">{d.channelName ?? "—"}</td>
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
