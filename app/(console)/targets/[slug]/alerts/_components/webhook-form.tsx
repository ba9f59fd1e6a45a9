"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/app/(console)/_components/action-message";
import { setWebhookAction } from "@/app/(console)/targets/[slug]/alerts/actions";
import { buttonClass, fieldClass, quietButtonClass } from "./form-styles";

/** Admins only: the URL of a Slack incoming webhook is a secret. */
export function WebhookForm({ slug, url }: { slug: string; url: string | null }) {
  const [result, action, pending] = useActionState(setWebhookAction, null);
  return (
    <form action={action} className="space-y-2" aria-label="Webhook">
      <input type="hidden" name="slug" value={slug} />
      <label className="block text-xs text-muted">
        Slack-compatible incoming webhook URL
        <input name="url" type="url" defaultValue={url ?? ""} placeholder="https://hooks.slack.com/services/…" className={fieldClass} />
      </label>
      <div className="flex gap-2">
        <button type="submit" name="intent" value="save" disabled={pending} className={buttonClass}>
          Save webhook
        </button>
        {url && (
          <button type="submit" name="intent" value="remove" disabled={pending} className={quietButtonClass}>
            Remove
          </button>
        )}
      </div>
      <ActionMessage result={result} testId="webhook-result" />
    </form>
  );
}
