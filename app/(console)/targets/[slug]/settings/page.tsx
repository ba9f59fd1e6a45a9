import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { hasPermission } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { getTargetSettings } from "@/lib/targets/get-target-settings";
import { EmptyState } from "@/app/_components/empty-state";
import { TargetForm } from "@/app/(console)/targets/[slug]/settings/_components/target-form";
import { RemediationSettingsForm } from "@/app/(console)/targets/[slug]/settings/_components/remediation-settings-form";
import { env, isDemoMode } from "@/lib/env";
import { AutoRemediationForm, defaultAutoRemediationPolicy } from "@/app/(console)/targets/[slug]/settings/_components/auto-remediation-form";
import { TokensSection } from "@/app/(console)/targets/[slug]/settings/_components/tokens-section";
import { DeleteTargetForm } from "@/app/(console)/targets/[slug]/settings/_components/delete-target-form";
import { describeTargetData } from "@/lib/targets/delete-target";

type Props = { params: Promise<{ slug: string }> };

export const metadata: Metadata = { title: "Target settings" };

export default async function TargetSettingsPage({ params }: Props) {
  const { slug } = await params;
  const user = await requireUser();
  if (!hasPermission(user.role, "manage:targets")) {
    return <EmptyState title="Admins only" body={`Target settings and ingest tokens are managed by admins; you are signed in as ${user.role}.`} />;
  }
  const settings = await getTargetSettings({ slug });
  if (!settings) notFound();
  const { target } = settings;
  const removed = await describeTargetData({ targetId: target.id });
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline gap-4">
        <h1 className="text-2xl font-semibold">{target.name}: settings</h1>
        <Link href={`/targets/${slug}`} className="ml-auto text-sm text-accent underline">Memory</Link>
      </div>
      <section className="rounded-lg border border-edge bg-panel p-4">
        <h2 className="mb-3 text-lg font-semibold">Collection</h2>
        <TargetForm target={target} />
      </section>
      <section className="rounded-lg border border-edge bg-panel p-4">
        <h2 className="mb-1 text-lg font-semibold">Remediation</h2>
        <p className="mb-3 text-sm text-muted">How the runbook&apos;s restarts are carried out, and which Redis the expired-key cleanup scans. Changes are audited.</p>
        <RemediationSettingsForm slug={slug} demo={isDemoMode(env())} settings={settings.remediation} />
      </section>
      <section className="rounded-lg border border-edge bg-panel p-4">
        <h2 className="mb-1 text-lg font-semibold">Auto-remediation</h2>
        <p className="mb-3 text-sm text-muted">
          The runbook&apos;s script as a policy: above the threshold, clear expired cache, recheck, and if memory is still high
          request a rolling restart that a lead must approve (docs/decisions/0008). Off by default; every step is audited.
        </p>
        <AutoRemediationForm slug={slug} policy={settings.autoRemediation ?? defaultAutoRemediationPolicy} />
      </section>
      <section className="rounded-lg border border-edge bg-panel p-4">
        <h2 className="mb-1 text-lg font-semibold">Ingest tokens</h2>
        <p className="mb-3 text-sm text-muted">Bearer tokens for <code>POST /api/v1/ingest</code>, Prometheus remote_write (<code>POST /api/v1/write</code>) and this target&apos;s series API. Only a SHA-256 of each is stored.</p>
        <TokensSection slug={slug} tokens={settings.tokens} />
      </section>
      <section id="delete" className="scroll-mt-4 rounded-lg border border-crit/40 bg-panel p-4">
        <h2 className="mb-3 text-lg font-semibold">Delete</h2>
        <DeleteTargetForm slug={slug} removed={removed} provisionedFrom={target.provisionedFrom} />
      </section>
    </div>
  );
}
