// What a channel can be told. The first four come from the alert evaluator (what it always sent);
// the rest from the on-call loop: an acknowledgement, a destructive request waiting for a lead,
// and the repeat of an incident nobody acknowledged (Alertmanager's repeat_interval).
export const channelEvents = ["firing", "severity_change", "no_data", "resolved", "acknowledged", "approval_waiting", "renotify"] as const;
export type ChannelEvent = (typeof channelEvents)[number];

export const CHANNEL_EVENT_LABELS: Record<ChannelEvent, string> = {
  firing: "incident opened (alert firing)",
  severity_change: "escalated (severity change)",
  no_data: "no data (target stopped answering)",
  resolved: "resolved",
  acknowledged: "acknowledged",
  approval_waiting: "destructive request waiting for approval",
  renotify: "repeat while unacknowledged",
};

export const DEFAULT_REPEAT_INTERVAL_SECONDS = 4 * 3600;

export const isChannelEvent = (value: string): value is ChannelEvent => (channelEvents as readonly string[]).includes(value);
