import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTargetAlertSettings } from "@/lib/alerts/get-target-alert-settings";
import { capabilitiesOf } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { AlertSummary } from "./_components/alert-summary";
import { RulesSection } from "./_components/rules-section";
import { SilencesSection } from "./_components/silences-section";
import { NotificationsSection } from "./_components/notifications-section";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Alerting · ${(await params).slug}` };
}

export default async function TargetAlertsPage({ params }: Props) {
  const { slug } = await params;
  const user = await requireUser();
  const settings = await getTargetAlertSettings({ slug });
  if (!settings) notFound();
  const can = capabilitiesOf(user.role);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h1 className="text-2xl font-semibold">{settings.target.name}: alerting</h1>
        <nav className="flex flex-wrap gap-x-3 text-sm sm:ml-auto" aria-label="Target">
          <Link href={`/targets/${slug}`} className="text-accent underline">Memory</Link>
          <Link href={`/targets/${slug}/backtest`} className="text-accent underline">Backtest thresholds</Link>
          <Link href="/incidents" className="text-accent underline">Incidents</Link>
        </nav>
      </div>
      <AlertSummary settings={settings} />
      <RulesSection settings={settings} canEdit={can.manageThresholds} />
      <SilencesSection settings={settings} canSilence={can.manageSilences} />
      <NotificationsSection settings={settings} canEdit={can.manageTargets} />
    </div>
  );
}
