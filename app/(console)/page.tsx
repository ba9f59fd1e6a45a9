import type { Metadata } from "next";
import { getOverview } from "@/lib/console/get-overview";
import { OverviewBoard } from "@/app/(console)/_components/overview/overview-board";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const targets = await getOverview();
  return (
    <section aria-labelledby="overview-heading">
      <div className="mb-4 flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h1 id="overview-heading" className="text-2xl font-semibold">
          Overview
        </h1>
        <p className="text-sm text-muted">Most urgent first · updates every 5 s</p>
      </div>
      <OverviewBoard initial={{ targets, generatedAt: new Date().toISOString() }} />
    </section>
  );
}
