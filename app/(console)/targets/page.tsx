import type { Metadata } from "next";
import Link from "next/link";
import { listTargets } from "@/lib/targets/list-targets";
import { EmptyState } from "@/app/_components/empty-state";

export const metadata: Metadata = { title: "Targets" };

export default async function TargetsPage() {
  const targets = await listTargets();
  return (
    <section>
      <h1 className="mb-4 text-2xl font-semibold">Targets</h1>
      {targets.length === 0 ? (
        <EmptyState title="No targets" body="Nothing is monitored yet." />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-edge">
          <table className="w-full text-left text-sm">
            <thead className="bg-panel text-muted">
              <tr>
                <th className="px-4 py-2">Name</th>
                <th className="px-4 py-2">Slug</th>
                <th className="px-4 py-2">Endpoint</th>
                <th className="px-4 py-2 text-right">Memory limit</th>
                <th className="px-4 py-2">Collection</th>
              </tr>
            </thead>
            <tbody>
              {targets.map((t) => (
                <tr key={t.id} className="border-t border-edge">
                  <td className="px-4 py-2 font-medium"><Link href={`/targets/${t.slug}`} className="text-accent hover:underline">{t.name}</Link></td>
                  <td className="px-4 py-2 text-muted">{t.slug}</td>
                  <td className="px-4 py-2">{t.baseUrl}</td>
                  <td className="px-4 py-2 text-right">{t.memoryLimitMb.toLocaleString("en")} MB</td>
                  <td className="px-4 py-2">{t.enabled ? "enabled" : "paused"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
