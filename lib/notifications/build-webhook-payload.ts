import type { PlannedNotification } from "@/lib/alerts/plan-notification";
import { describeKind } from "@/lib/alerts/plan-notification";
import { formatRatio } from "@/lib/alerts/describe-alert";

export type BuildWebhookPayloadOptions = {
  notification: PlannedNotification;
  target: { slug: string; name: string };
  /** Usage ratio at the evaluation; null without a sample. */
  value: number | null;
  at: number;
  incidentId: number | null;
  /** Base URL of the console for links (NEXTAUTH_URL); links are left out without it. */
  consoleUrl?: string;
  /** The diagnosis in a few words (lib/notifications/describe-target-diagnosis.ts), when known. */
  diagnosis?: string | null;
};

const COLORS = { "SEV-1": "#f85149", "SEV-2": "#d29922", resolved: "#3fb950" } as const;

/**
 * Slack-compatible incoming-webhook JSON: `text` is what Slack (and most chat tools) show;
 * `attachments` adds colour and fields; `headroom` carries the same facts for machines.
 */
export function buildWebhookPayload(options: BuildWebhookPayloadOptions) {
  const { notification, target, value, at, incidentId } = options;
  const link = options.consoleUrl && incidentId !== null ? `${options.consoleUrl.replace(/\/$/, "")}/incidents/${incidentId}` : null;
  const headline = headlineOf(notification, target.name);
  const color = notification.kind === "resolved" ? COLORS.resolved : COLORS[notification.severity ?? "SEV-2"];
  return {
    text: `${headline} — memory ${formatRatio(value)}${options.diagnosis ? ` · ${options.diagnosis}` : ""}${link ? ` <${link}|incident #${incidentId}>` : ""}`,
    attachments: [
      {
        color,
        title: headline,
        ...(link ? { title_link: link } : {}),
        fields: [
          { title: "Target", value: target.slug, short: true },
          { title: "Memory", value: formatRatio(value), short: true },
          { title: "Change", value: describeKind(notification), short: true },
          ...(options.diagnosis ? [{ title: "Diagnosis", value: options.diagnosis, short: false }] : []),
          ...(incidentId !== null ? [{ title: "Incident", value: `#${incidentId}`, short: true }] : []),
        ],
        ts: Math.floor(at / 1000),
      },
    ],
    headroom: {
      kind: notification.kind,
      alert: "HighMemoryUsage",
      target: target.slug,
      severity: notification.severity,
      previousSeverity: notification.previousSeverity,
      noData: notification.noData,
      value,
      at: new Date(at).toISOString(),
      incidentId,
      url: link,
      diagnosis: options.diagnosis ?? null,
    },
  };
}

function headlineOf(notification: PlannedNotification, name: string): string {
  switch (notification.kind) {
    case "firing":
      return `[${notification.severity}] HighMemoryUsage firing on ${name}`;
    case "severity_change":
      return `[${notification.severity}] HighMemoryUsage on ${name}: ${notification.previousSeverity} → ${notification.severity}`;
    case "no_data":
      return `[${notification.severity}] HighMemoryUsage on ${name}: no data, the target stopped answering (alert held firing)`;
    case "resolved":
      return `[RESOLVED] HighMemoryUsage on ${name} (was ${notification.previousSeverity})`;
  }
}
