"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/actions/define-action";
import { maskUrlPath } from "@/lib/mask-url-password";
import { recordIdSchema } from "@/lib/record-id";
import { channelFormFields, channelFromForm } from "@/lib/notifications/channel-form";
import { removeNotificationChannel, saveNotificationChannel } from "@/lib/notifications/save-notification-channel";

/** A global channel hears every target's events (admins only: a webhook URL is a secret). */
export const saveGlobalChannelAction = formAction({
  audit: "webhook.changed",
  input: z.object(channelFormFields),
  permission: "manage:targets",
  redact: { url: maskUrlPath },
  run: async ({ input, user, meta }) => {
    const { channelId } = input;
    await saveNotificationChannel({ channelId, targetId: null, channel: channelFromForm(input), actor: user, meta });
    revalidatePath("/admin/notifications");
    return channelId ? "Channel saved." : "Global channel added: it hears every target's events from now on.";
  },
});

export const removeGlobalChannelAction = formAction({
  audit: "webhook.changed",
  input: z.object({ channelId: recordIdSchema("channelId") }),
  permission: "manage:targets",
  run: async ({ input, user, meta }) => {
    await removeNotificationChannel({ channelId: input.channelId, targetId: null, actor: user, meta });
    revalidatePath("/admin/notifications");
    return "Channel removed.";
  },
});
