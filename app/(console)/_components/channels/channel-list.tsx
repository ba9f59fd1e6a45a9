import type { ActionResult } from "@/lib/actions/action-result";
import { formatSeconds } from "@/lib/alerts/describe-alert";
import { CHANNEL_EVENT_LABELS } from "@/lib/notifications/channel-events";
import type { ChannelView } from "@/lib/notifications/list-notification-channels";
import { LocalTime } from "@/app/(console)/_components/local-time";
import { ChannelForm, RemoveChannelButton } from "./channel-form";

type FormActionFn = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;

/**
 * The channels that hear these events, URLs masked unless the viewer may edit them. Global
 * channels show on a target's page too, edited on the global page only.
 */
export function ChannelList(props: {
  channels: ChannelView[];
  canEdit: boolean;
  /** Which scope this page edits: channels of another scope are listed read-only. */
  editable: "target" | "global";
  save: FormActionFn;
  remove: FormActionFn;
  hidden?: Record<string, string>;
}) {
  const { channels, canEdit, editable } = props;
  if (channels.length === 0) return null;
  return (
    <ul className="space-y-3" data-testid="channel-list">
      {channels.map((channel) => {
        const mine = canEdit && channel.scope === editable;
        return (
          <li key={channel.id} className="min-w-0 rounded-md border border-edge p-3 text-sm" data-testid={`channel-${channel.id}`}>
            <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
              <span className="font-semibold">{channel.name}</span>
              <span className="rounded border border-edge px-1.5 text-xs text-muted">{channel.scope === "global" ? "global" : "this target"}</span>
              <code className="min-w-0 rounded bg-surface px-1 wrap-anywhere">{mine ? channel.url : channel.maskedUrl}</code>
            </div>
            <p className="mt-1 text-xs text-muted">
              {channel.events.map((e) => CHANNEL_EVENT_LABELS[e]).join(" · ")}
              {channel.events.includes("renotify") ? ` · repeats every ${formatSeconds(channel.repeatIntervalSeconds)} until acknowledged` : ""}
              {" "}(set by {channel.updatedByEmail}, <LocalTime iso={channel.updatedAt} />)
            </p>
            {mine && (
              <details className="mt-2">
                <summary className="cursor-pointer text-xs text-accent">Edit or remove</summary>
                <div className="mt-2 space-y-2">
                  <ChannelForm save={props.save} hidden={props.hidden} channel={channel} testId={`channel-edit-${channel.id}`} />
                  <RemoveChannelButton remove={props.remove} hidden={props.hidden} channelId={channel.id} />
                </div>
              </details>
            )}
          </li>
        );
      })}
    </ul>
  );
}
