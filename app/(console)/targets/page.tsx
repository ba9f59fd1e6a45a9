import type { Metadata } from "next";
import Link from "next/link";
import { hasPermission } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { listTargets } from "@/lib/targets/list-targets";
import { EmptyState } from "@/app/_components/empty-state";
import { TableHead } from "@/app/_components/table-head";

export const metadata: Metadata = { title: "Targets" };

type Props = { searchParams: Promise<{ deleted?: string }> };

export default async function TargetsPage({ searchParams }: Props) {
  const [targets, user, { deleted }] = await Promise.all([listTargets(), requireUser(), searchParams]);
  const admin = hasPermission(user.role, "manage:targets");
  return (
    <section>
      <div className="mb-4 flex flex-wrap items-baseline gap-4">
        <h1 className="text-2xl font-semibold">Targets</h1>
        {admin && <Link href="/targets/new" className="ml-auto rounded-md bg-accent px-3 py-1.5 text-sm font-semibold text-surface">Add service</Link>}
      </div>
      {deleted && <p role="status" className="mb-3 rounded-md border border-ok/50 bg-ok/10 px-3 py-2 text-sm text-ok">✓ Deleted {deleted} and its data.</p>}
      {targets.length === 0 ? (
        <EmptyState title="No targets" body={admin ? "Nothing is monitored yet: add a service, or provision them from a file (HEADROOM_TARGETS_FILE)." : "Nothing is monitored yet; an admin adds services."} />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-edge">
          <table className="w-full text-left text-sm">
            <TableHead
              className="bg-panel text-muted"
              cellClassName="px-4 py-2"
              columns={[
                "Name",
                "Slug",
                "Kind",
                "Endpoint",
                { key: "limit", label: "Memory limit", className: "text-right" },
                "Collection",
                ...(admin ? [{ key: "manage", label: <span className="sr-only">Manage</span> }] : []),
              ]}
            />
            <tbody>
              {targets.map((t) => (
                <tr key={t.id} className="border-t border-edge">
                  <td className="px-4 py-2 font-medium"><Link href={`/targets/${t.slug}`} className="text-accent hover:underline">{t.name}</Link></td>
                  <td className="px-4 py-2 text-muted">{t.slug}</td>
                  <td className="px-4 py-2">{t.kind}{t.preset ? ` (${t.preset})` : ""}</td>
                  <td className="px-4 py-2">{t.kind === "push" ? <span className="text-muted">pushed, not scraped</span> : t.baseUrl}</td>
                  <td className="px-4 py-2 text-right">{t.memoryLimitMb.toLocaleString("en")} MB</td>
                  <td className="px-4 py-2">
                    {t.enabled ? "enabled" : "paused"}
                    {t.provisionedFrom && <span className="ml-2 text-xs text-muted">provisioned from {t.provisionedFrom}</span>}
                  </td>
                  {admin && (
                    <td className="whitespace-nowrap px-4 py-2 text-right" data-testid={`manage-${t.slug}`}>
                      {/* A provisioned target is edited and removed in its file; its settings page says so. */}
                      <Link href={`/targets/${t.slug}/settings`} className="text-accent underline">
                        {t.provisionedFrom ? "Settings" : "Edit or disable"}
                      </Link>
                      {!t.provisionedFrom && (
                        <Link href={`/targets/${t.slug}/settings#delete`} className="ml-3 text-crit underline">Delete…</Link>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
