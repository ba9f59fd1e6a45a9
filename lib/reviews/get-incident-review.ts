import "server-only";
import { db } from "@/lib/db";
import { getIncident, type IncidentDetail } from "@/lib/incidents/get-incident";
import { readRawSeries } from "@/lib/metrics/read-raw-series";
import type { MemoryPoint } from "@/lib/metrics/memory-point";
import { env } from "@/lib/env";
import { actionInclude, toActionView } from "@/lib/remediation/action-rows";
import { checklistFollowUps, followUpSchema, rootCauses, UPDATE_CONFIGURATION, UPDATE_THRESHOLDS, type FollowUp, type RootCause } from "./review-content";
import { planReview, STAYED_DOWN_MS, type ReviewPlan, type ReviewTimelineEvent } from "./plan-review";
import { absoluteLink } from "./plan-review-links";
import { readReviewEvidence, type ReviewEvidence } from "./read-review-evidence";

export type StoredReview = {
  status: "draft" | "published";
  rootCause: RootCause | null;
  summary: string;
  followUps: FollowUp[];
  draftedBy: string | null;
  updatedAt: string | null;
  published: { at: string; by: string } | null;
  amendments: { id: number; at: string; by: string; text: string }[];
};

export type IncidentReview = {
  incident: IncidentDetail;
  plan: ReviewPlan;
  /** The chart, the diagnoses at open and at peak, the limits proposal and the follow-up links. */
  evidence: ReviewEvidence;
  /** The incident's timeline with the target's threshold and settings edits in the window, oldest first. */
  timeline: ReviewTimelineEvent[];
  /** The stored review, or a new draft prefilled with the runbook's post-incident checklist. */
  review: StoredReview;
};

const asFollowUps = (value: unknown): FollowUp[] => (Array.isArray(value) ? value.flatMap((v) => { const p = followUpSchema.safeParse(v); return p.success ? [p.data] : []; }) : []);

/** Everything the review page and its Markdown export show, read at `now`. */
export async function getIncidentReview(options: { incidentId: number; now?: Date }): Promise<IncidentReview> {
  const now = options.now ?? new Date();
  const incident = await getIncident({ id: options.incidentId });
  const [rows, stored, target] = await Promise.all([
    db.remediationAction.findMany({ where: { incidentId: incident.id }, include: actionInclude, orderBy: { requestedAt: "asc" } }),
    db.incidentReview.findUnique({ where: { incidentId: incident.id }, include: { amendments: { orderBy: { at: "asc" } } } }),
    db.target.findUniqueOrThrow({ where: { id: incident.target.id }, select: { memoryLimitMb: true } }),
  ]);
  const actions = rows.map(toActionView);
  const samplesAfter = new Map<number, MemoryPoint[]>();
  await Promise.all(
    actions.filter((a) => a.finishedAt !== null).map(async (a) => {
      const from = new Date(a.finishedAt!);
      samplesAfter.set(a.id, await readRawSeries({ targetId: incident.target.id, from, to: new Date(from.getTime() + STAYED_DOWN_MS) }));
    }),
  );
  const evidence = await readReviewEvidence({ incident, actions, limitMb: target.memoryLimitMb, now });
  const timeline = [...incident.events, ...evidence.changes.map((c) => ({ id: c.id, at: c.at, kind: c.kind, summary: c.summary, data: { by: c.by } }))]
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const consoleUrl = env().NEXTAUTH_URL;
  const links = { [UPDATE_THRESHOLDS]: absoluteLink(consoleUrl, evidence.links.backtest), [UPDATE_CONFIGURATION]: absoluteLink(consoleUrl, evidence.links.limits) };
  return {
    incident,
    plan: planReview({ incident, actions, samplesAfter, now: now.getTime() }),
    evidence,
    timeline,
    review: stored
      ? {
          status: stored.status === "published" ? "published" : "draft",
          rootCause: (rootCauses as readonly string[]).includes(stored.rootCause ?? "") ? (stored.rootCause as RootCause) : null,
          summary: stored.summary,
          followUps: asFollowUps(stored.followUps),
          draftedBy: stored.draftedByLabel,
          updatedAt: stored.updatedAt.toISOString(),
          published: stored.publishedAt && stored.publishedByLabel ? { at: stored.publishedAt.toISOString(), by: stored.publishedByLabel } : null,
          amendments: stored.amendments.map((a) => ({ id: a.id, at: a.at.toISOString(), by: a.byLabel, text: a.text })),
        }
      : { status: "draft", rootCause: null, summary: "", followUps: checklistFollowUps(links), draftedBy: null, updatedAt: null, published: null, amendments: [] },
  };
}
