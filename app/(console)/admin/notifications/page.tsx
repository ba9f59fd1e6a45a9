import type { Metadata } from "next";
import { capabilitiesOf } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { listNotificationChannels } from "@/lib/notifications/list-notification-channels";
import { ChannelForm } from "@/app/(console)/_components/channels/channel-form";
import { ChannelList } from "@/app/(console)/_components/channels/channel-list";
import { removeGlobalChannelAction, saveGlobalChannelAction } from "./actions";

export const metadata: Metadata = { title: "Notifications" };

/** Channels that hear every target: who is paged when anything opens, escalates or waits. */
export default async function NotificationsPage() {
  const user = await requireUser();
  const canEdit = capabilitiesOf(user.role).manageTargets;
  const channels = await listNotificationChannels({ targetId: null });
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Notifications</h1>
        <p className="mt-1 text-sm text-muted">
          Global channels hear every target&apos;s events; a target&apos;s own channels are on its Alerting page. Each message is one line with the
          service, memory, severity, diagnosis and a link. An incident nobody acknowledged is announced again at each channel&apos;s repeat interval.
        </p>
      </div>
      <section aria-labelledby="global-channels-heading" className="rounded-lg border border-edge bg-panel p-4">
        <h2 id="global-channels-heading" className="mb-3 text-lg font-semibold">Global channels ({channels.length})</h2>
        {channels.length === 0 ? (
          <p className="text-sm text-muted" data-testid="no-global-channel">No global channel: only targets with their own channel notify anyone.</p>
        ) : (
          <ChannelList channels={channels} canEdit={canEdit} editable="global" save={saveGlobalChannelAction} remove={removeGlobalChannelAction} />
        )}
      </section>
      {canEdit && (
        <section aria-labelledby="add-channel-heading" className="rounded-lg border border-edge bg-panel p-4">
          <h2 id="add-channel-heading" className="mb-3 text-lg font-semibold">Add a global channel</h2>
          <ChannelForm save={saveGlobalChannelAction} testId="global-channel-add" />
        </section>
      )}
    </div>
  );
}
