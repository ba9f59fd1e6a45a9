import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { alertRuleSetSchema } from "@/lib/alerts/alert-rule-set-schema";
import { backtestTargetRules, MAX_BACKTEST_DAYS } from "@/lib/alerts/backtest-target-rules";
import { loadTargetRules } from "@/lib/alerts/load-target-rules";
import { hasPermission } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { findTargetBySlug } from "@/lib/targets/find-target";
import { EmptyState } from "@/app/_components/empty-state";
import { BacktestForm } from "./_components/backtest-form";
import { BacktestResults } from "./_components/backtest-results";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Backtest · ${(await params).slug}` };
}

const querySchema = z.object({
  days: z.coerce.number().min(1).max(MAX_BACKTEST_DAYS).default(7),
  sev2: z.coerce.number().gt(0).lt(100),
  sev2for: z.coerce.number().int().min(0).max(86_400),
  sev1: z.coerce.number().gt(0).lt(100),
  sev1for: z.coerce.number().int().min(0).max(86_400),
  // An incident's window, from its review's "update thresholds" link, instead of the last days.
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
}).refine((q) => (q.from === undefined) === (q.to === undefined) && (q.from === undefined || Date.parse(q.from) < Date.parse(q.to!)), {
  error: "from and to go together, from before to",
  path: ["from"],
});

export default async function BacktestPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const user = await requireUser();
  const target = await findTargetBySlug(slug).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const heading = (
    <div className="mb-4 flex flex-wrap items-baseline gap-x-4">
      <h1 className="text-2xl font-semibold">{target.name}: backtest thresholds</h1>
      <nav className="ml-auto flex gap-3 text-sm" aria-label="Target">
        <Link href={`/targets/${slug}/alerts`} className="text-accent underline">Alerting</Link>
        <Link href={`/targets/${slug}`} className="text-accent underline">Memory</Link>
      </nav>
    </div>
  );
  if (!hasPermission(user.role, "manage:thresholds")) {
    return (
      <section>
        {heading}
        <EmptyState title="Admins only" body={`Trying thresholds is for admins, who can change them; you are signed in as ${user.role}.`} />
      </section>
    );
  }
  const current = await loadTargetRules({ targetId: target.id });
  const query = await searchParams;
  const submitted = query.sev2 !== undefined;
  const parsed = submitted ? querySchema.safeParse(query) : null;
  let error: string | null = parsed && !parsed.success ? parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") : null;
  let result = null;
  if (parsed?.success) {
    const { days, sev2, sev2for, sev1, sev1for, from, to } = parsed.data;
    const proposal = alertRuleSetSchema.safeParse(
      current.rules.map((rule) =>
        rule.name === "SEV-2" ? { ...rule, threshold: sev2 / 100, forSeconds: sev2for } : { ...rule, threshold: sev1 / 100, forSeconds: sev1for },
      ),
    );
    if (!proposal.success) error = proposal.error.issues.map((i) => i.message).join("; ");
    else {
      const window = from && to ? { from: new Date(from), to: new Date(to) } : undefined;
      result = await backtestTargetRules({ targetId: target.id, memoryLimitMb: target.memoryLimitMb, days, proposed: proposal.data, window });
    }
  }
  return (
    <section className="space-y-4">
      {heading}
      <p className="text-sm text-muted">
        Replays the last days of this target&apos;s stored samples (15-second resolution, up to {MAX_BACKTEST_DAYS} days) through the same
        evaluator the worker runs, once with the current rules and once with yours. Nothing is changed until you save rules on the alerting page.
      </p>
      <BacktestForm slug={slug} rules={current.rules} days={parsed?.success ? parsed.data.days : 7} query={query} window={parsed?.success && parsed.data.from && parsed.data.to ? { from: parsed.data.from, to: parsed.data.to } : null} />
      {error && (
        <p role="status" className="rounded-md border border-crit/50 bg-crit/10 px-3 py-2 text-sm text-crit">
          ⚠ {error}
        </p>
      )}
      {result && <BacktestResults result={result} />}
    </section>
  );
}
