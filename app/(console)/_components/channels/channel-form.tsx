"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/actions/action-result";
import { CHANNEL_EVENT_LABELS, channelEvents, DEFAULT_REPEAT_INTERVAL_SECONDS } from "@/lib/notifications/channel-events";
import type { ChannelView } from "@/lib/notifications/list-notification-channels";
import { ActionMessage } from "@/app/(console)/_components/action-message";

type FormActionFn = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;

const field = "mt-1 w-full rounded-md border border-edge bg-surface px-2 py-1.5 text-sm";
const button = "rounded-md bg-accent px-3 py-1.5 text-sm font-semibold text-surface disabled:opacity-60";
const quiet = "rounded-md border border-edge px-3 py-1.5 text-sm text-muted hover:text-ink disabled:opacity-60";

/** Adds a channel, or edits `channel`; `hidden` carries the scope (the target's slug). Admins only. */
export function ChannelForm({ save, hidden = {}, channel, testId }: { save: FormActionFn; hidden?: Record<string, string>; channel?: ChannelView; testId: string }) {
  const [result, action, pending] = useActionState(save, null);
  return (
    <form action={action} className="space-y-2" aria-label={channel ? `Edit channel ${channel.name}` : "Add a channel"} data-testid={testId}>
      {Object.entries(hidden).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
      {channel && <input type="hidden" name="channelId" value={channel.id} />}
      <div className="grid gap-2 md:grid-cols-[12rem_minmax(0,1fr)_9rem]">
        <label className="text-xs text-muted">
          Name
          <input name="name" required maxLength={100} defaultValue={channel?.name ?? ""} placeholder="#oncall" className={field} />
        </label>
        <label className="min-w-0 text-xs text-muted">
          Slack-compatible webhook URL
          <input name="url" type="url" required defaultValue={channel?.url ?? ""} placeholder="https://hooks.slack.com/services/…" className={field} />
        </label>
        <label className="text-xs text-muted">
          Repeat every (min)
          <input name="repeatMinutes" type="number" min={0.5} step="any" required defaultValue={(channel?.repeatIntervalSeconds ?? DEFAULT_REPEAT_INTERVAL_SECONDS) / 60} className={field} />
        </label>
      </div>
      <fieldset className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <legend className="mb-1 text-xs text-muted">Tell it when</legend>
        {channelEvents.map((event) => (
          <label key={event} className="inline-flex items-center gap-1.5">
            <input type="checkbox" name={`event_${event}`} defaultChecked={channel ? channel.events.includes(event) : true} />
            {CHANNEL_EVENT_LABELS[event]}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={pending} className={button}>{channel ? "Save channel" : "Add channel"}</button>
      <ActionMessage result={result} testId={`${testId}-result`} />
    </form>
  );
}

export function RemoveChannelButton({ remove, hidden = {}, channelId }: { remove: FormActionFn; hidden?: Record<string, string>; channelId: number }) {
  const [result, action, pending] = useActionState(remove, null);
  return (
    <form action={action} className="inline-flex items-center gap-2">
      {Object.entries(hidden).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
      <input type="hidden" name="channelId" value={channelId} />
      <button type="submit" disabled={pending} className={quiet}>{pending ? "Removing…" : "Remove"}</button>
      <ActionMessage result={result} />
    </form>
  );
}
