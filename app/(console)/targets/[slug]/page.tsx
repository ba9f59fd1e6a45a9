import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTargetView } from "@/lib/console/get-target-view";
import { getInsights } from "@/lib/insights/get-insights";
import { capabilitiesOf } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { listTargetActions } from "@/lib/remediation/list-target-actions";
import { rangeKeySchema } from "@/lib/console/ranges";
import { AppError } from "@/lib/errors";
import { TargetDashboard } from "@/app/(console)/targets/[slug]/_components/target-dashboard";
import { ActionsPanel } from "@/app/(console)/targets/[slug]/_components/actions-panel";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ range?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).slug };
}

export default async function TargetPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const range = rangeKeySchema.catch("1h").parse((await searchParams).range);
  const user = await requireUser();
  // Past uses per diagnosis change only when an action finishes: read with the page, not polled.
  const [view, actions, insights] = await Promise.all([getTargetView({ slug, range }), listTargetActions({ slug, user }), getInsights({ targetSlug: slug })]).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return (
    <div>
      <div className="mb-3 flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h1 className="min-w-0 break-words text-2xl font-semibold">{view.target.name}</h1>
        <span className="min-w-0 wrap-anywhere text-sm text-muted">{view.target.kind === "push" ? "pushed samples" : view.target.baseUrl}</span>
        {view.target.kind !== "runbook-api" && <span className="text-xs text-muted">{view.target.kind}</span>}
        {view.target.provisionedFrom && <span className="text-xs text-muted" data-testid="provisioned-from">provisioned from {view.target.provisionedFrom}</span>}
        <nav className="flex flex-wrap gap-x-3 text-sm sm:ml-auto" aria-label="Target">
          <Link href={`/targets/${slug}/alerts`} className="text-accent underline">Alerting</Link>
          {actions.viewer.can.manageTargets && <Link href={`/targets/${slug}/settings`} className="text-accent underline">Settings</Link>}
          <Link href="/queries" className="text-accent underline">Runbook queries</Link>
        </nav>
      </div>
      <TargetDashboard key={range} initial={view} actions={<ActionsPanel initial={actions} />} canRespond={capabilitiesOf(user.role).respond} history={insights.diagnoses} />
    </div>
  );
}
