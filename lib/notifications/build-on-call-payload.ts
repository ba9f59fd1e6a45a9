import { formatRatio } from "@/lib/alerts/describe-alert";

export type OnCallEvent =
  | { kind: "acknowledged"; by: string }
  | { kind: "renotify"; openFor: string }
  | { kind: "approval_waiting"; action: string; requestedBy: string; reason: string | null; remediationId: number; expiresAt: string };

const COLORS = { "SEV-1": "#f85149", "SEV-2": "#d29922", none: "#58a6ff" } as const;

/**
 * The on-call loop's messages in the evaluator's Slack-compatible shape: `text` is the one line
 * people read (service, memory, severity, diagnosis, link); `headroom` the same for machines.
 */
export function buildOnCallPayload(options: {
  event: OnCallEvent;
  target: { slug: string; name: string };
  severity: string | null;
  value: number | null;
  diagnosis: string | null;
  incidentId: number | null;
  at: number;
  consoleUrl?: string;
}) {
  const { event, target, severity, value, diagnosis, incidentId } = options;
  const base = options.consoleUrl?.replace(/\/$/, "");
  const path = event.kind === "approval_waiting" ? "/approvals" : incidentId !== null ? `/incidents/${incidentId}` : null;
  const link = base && path ? `${base}${path}` : null;
  const label = event.kind === "approval_waiting" ? `request #${event.remediationId}` : `incident #${incidentId}`;
  const headline = headlineOf(event, target.name, severity);
  const facts = [`memory ${formatRatio(value)}`, ...(diagnosis ? [diagnosis] : [])].join(" · ");
  return {
    text: `${headline} — ${facts}${link ? ` <${link}|${label}>` : ""}`,
    attachments: [
      {
        color: COLORS[severity === "SEV-1" || severity === "SEV-2" ? severity : "none"],
        title: headline,
        ...(link ? { title_link: link } : {}),
        fields: [
          { title: "Target", value: target.slug, short: true },
          { title: "Memory", value: formatRatio(value), short: true },
          ...(diagnosis ? [{ title: "Diagnosis", value: diagnosis, short: false }] : []),
          ...(event.kind === "approval_waiting" && event.reason ? [{ title: "Reason", value: event.reason, short: false }] : []),
          ...(incidentId !== null ? [{ title: "Incident", value: `#${incidentId}`, short: true }] : []),
        ],
        ts: Math.floor(options.at / 1000),
      },
    ],
    headroom: { kind: event.kind, target: target.slug, severity, value, diagnosis, incidentId, at: new Date(options.at).toISOString(), url: link, ...eventFacts(event) },
  };
}

function headlineOf(event: OnCallEvent, name: string, severity: string | null): string {
  const sev = severity ? `[${severity}] ` : "";
  switch (event.kind) {
    case "acknowledged":
      return `${sev}HighMemoryUsage on ${name} acknowledged by ${event.by}`;
    case "renotify":
      return `${sev}STILL UNACKNOWLEDGED: HighMemoryUsage on ${name}, open for ${event.openFor}`;
    case "approval_waiting":
      return `[APPROVAL NEEDED] ${event.action} on ${name} requested by ${event.requestedBy}${event.reason ? `: ${event.reason}` : ""} (until ${event.expiresAt})`;
  }
}

function eventFacts(event: OnCallEvent): Record<string, unknown> {
  const { kind: _kind, ...facts } = event;
  return facts;
}
