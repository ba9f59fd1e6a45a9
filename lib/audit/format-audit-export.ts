import type { AuditRow } from "./list-audit-events";

const COLUMNS: [string, (row: AuditRow) => unknown][] = [
  ["id", (r) => r.id],
  ["at", (r) => r.at],
  ["type", (r) => r.type],
  ["outcome", (r) => r.outcome],
  ["actor_kind", (r) => r.actor.kind],
  ["actor", (r) => r.actor.label],
  ["actor_role", (r) => r.actor.role],
  ["target", (r) => r.target],
  ["action", (r) => r.actionId],
  ["remediation_id", (r) => r.remediationId],
  ["incident_id", (r) => r.incidentId],
  ["break_glass", (r) => r.breakGlass],
  ["parameters", (r) => (r.parameters === null || r.parameters === undefined ? null : JSON.stringify(r.parameters))],
  ["error", (r) => r.error],
  ["ip", (r) => r.ip],
  ["user_agent", (r) => r.userAgent],
  ["request_id", (r) => r.requestId],
  ["data", (r) => JSON.stringify(r.data)],
  ["prev_hash", (r) => r.prevHash],
  ["hash", (r) => r.hash],
];

/** RFC 4180 quoting; a cell a spreadsheet would run as a formula is prefixed with ' (CSV injection). */
function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function auditRowsToCsv(rows: AuditRow[]): string {
  const lines = [COLUMNS.map(([name]) => name).join(",")];
  for (const row of rows) lines.push(COLUMNS.map(([, get]) => cell(get(row))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
