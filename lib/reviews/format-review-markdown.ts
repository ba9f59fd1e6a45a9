import { formatSeconds } from "@/lib/alerts/describe-alert";
import type { IncidentReview } from "./get-incident-review";
import type { Milestone, StayedDown } from "./plan-review";
import { FOLLOW_UP_STATE_LABEL, ROOT_CAUSE_LABEL } from "./review-content";

// Times are UTC in ISO form: a postmortem repository is read from every time zone.
const utc = (iso: string) => `${iso.slice(0, 19).replace("T", " ")} UTC`;
const cell = (text: string | null | undefined) => (text ?? "—").replace(/\|/g, "\\|").replace(/\r?\n/g, " ") || "—";

export const stayedDownText = (s: StayedDown) =>
  s.state === "yes" ? "yes (30 min)" : s.state === "no" ? `no: back to ${Math.round(s.valueMb)} MB at ${utc(s.backAt)}` : `unknown: ${s.reason}`;

const durationText = (m: Milestone) => (m.afterOpenMs === null ? "" : formatSeconds(Math.round(m.afterOpenMs / 1000)));

/** A review as Markdown, to paste into a postmortem repository or an issue tracker. */
export function formatReviewMarkdown(data: IncidentReview): string {
  const { incident, plan, review } = data;
  const { milestones: m } = plan;
  const lines: string[] = [
    `# Incident #${incident.id}: ${incident.title}${incident.title.includes(incident.target.name) ? "" : ` on ${incident.target.name}`}`,
    "",
    `Severity ${incident.severity}; state ${incident.state}. Review ${review.published ? `published by ${review.published.by} at ${utc(review.published.at)}` : "draft (not published)"}.`,
    "",
    `Root cause: ${review.rootCause ? ROOT_CAUSE_LABEL[review.rootCause] : "not chosen yet"}.`,
    `Diagnosis at open: ${data.evidence.diagnoses.atOpen?.text ?? "not enough data"}.`,
    `Diagnosis at peak: ${data.evidence.diagnoses.atPeak?.text ?? "not enough data"}.`,
  ];
  if (data.evidence.evidence.length > 0) lines.push("", "Evidence from the data:", "", ...data.evidence.evidence.map((e) => `- ${e}`));
  if (review.summary) lines.push("", review.summary);
  lines.push("", "## Milestones", "", "| Milestone | When | By | After open |", "| --- | --- | --- | --- |");
  const row = (label: string, milestone: Milestone) =>
    lines.push(`| ${label} | ${milestone.at ? utc(milestone.at) : "—"} | ${cell(milestone.by)} | ${cell(durationText(milestone))} |`);
  row("Opened", m.opened);
  row("Acknowledged (time to acknowledge)", m.acknowledged);
  row("First action", m.firstAction);
  row("Mitigated (time to mitigate)", m.mitigated);
  row("Resolved (time to resolve)", m.resolved);

  lines.push("", "## Mitigations", "");
  if (plan.mitigations.length === 0) lines.push("No remediation actions were linked to this incident.");
  else {
    lines.push("| # | Action | Requested by | Approved by | Called | Target's answer | Measured effect | Memory stayed down |", "| --- | --- | --- | --- | --- | --- | --- | --- |");
    for (const a of plan.mitigations) {
      lines.push(`| ${a.id} | ${cell(a.label)} (${a.state}) | ${cell(a.requestedBy)} | ${cell(a.approvedBy)} | \`${cell(a.call)}\` | ${cell(a.answer)} | ${cell(a.effect)} | ${stayedDownText(a.stayedDown)} |`);
    }
  }

  lines.push("", "## Timeline", "");
  if (data.timeline.length === 0) lines.push("No events recorded.");
  for (const e of data.timeline) lines.push(`- ${utc(e.at)} [${e.kind}] ${e.summary.replace(/\r?\n/g, " ")}`);

  lines.push("", "## Follow-ups", "");
  if (review.followUps.length === 0) lines.push("None.");
  for (const f of review.followUps) {
    const box = f.state === "done" ? "x" : " ";
    lines.push(`- [${box}] ${f.item} (${FOLLOW_UP_STATE_LABEL[f.state]}${f.owner ? `, owner ${f.owner}` : ""})${f.link ? ` ${f.link}` : ""}`);
  }
  const { limits } = data.evidence;
  if (limits) {
    lines.push("", "### Proposed memory limits", "", `From the observed peak ${Math.round(limits.peakMb)} MB (limit: peak × 1.25) and the median ${Math.round(limits.medianMb)} MB (reservation), rounded up to 256 MB:`, "", "```yaml", limits.yaml, "```");
  }
  if (review.amendments.length > 0) {
    lines.push("", "## Amendments", "");
    for (const a of review.amendments) lines.push(`- ${utc(a.at)} ${a.by}: ${a.text.replace(/\r?\n/g, " ")}`);
  }
  return `${lines.join("\n")}\n`;
}
