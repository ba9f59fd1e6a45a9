import { z } from "zod";
import { channelEvents, type ChannelEvent } from "./channel-events";
import type { ChannelInput } from "./save-notification-channel";

// A form posts one checkbox per event (`event_firing=on`, ...): a form's fields are single values.
export const channelFormFields = {
  channelId: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().positive().optional()),
  name: z.string().trim().min(1, { error: "name the channel" }).max(100),
  url: z.string().trim().min(1, { error: "enter the webhook URL" }).max(2000),
  repeatMinutes: z.coerce.number({ error: "repeat must be a number of minutes" }).min(0.5, { error: "repeat at most every 30 s" }).max(7 * 1440),
  ...(Object.fromEntries(channelEvents.map((event) => [`event_${event}`, z.literal("on").optional()])) as Record<`event_${ChannelEvent}`, z.ZodOptional<z.ZodLiteral<"on">>>),
};

export function channelFromForm(form: Record<string, unknown>): ChannelInput {
  return {
    name: form.name as string,
    url: form.url as string,
    events: channelEvents.filter((event): event is ChannelEvent => form[`event_${event}`] === "on"),
    repeatIntervalSeconds: Math.round((form.repeatMinutes as number) * 60),
  };
}
