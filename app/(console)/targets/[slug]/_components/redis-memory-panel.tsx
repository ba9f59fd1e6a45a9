"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/console/fetch-json";
import type { RedisMemory } from "@/lib/investigation/read-redis-memory";
import { formatMb } from "@/lib/format";
import { Age } from "@/app/(console)/_components/local-time";

type Response = ({ configured: true } & RedisMemory) | { configured: false };
const mb = (bytes: number) => formatMb(bytes / 1024 / 1024, 2);

/** The runbook's Redis checks (INFO memory, --bigkeys), shown only for targets with a Redis URL. */
export function RedisMemoryPanel({ slug }: { slug: string }) {
  const query = useQuery({
    queryKey: ["targets", slug, "redis"],
    queryFn: () => fetchJson<Response>(`/api/console/targets/${slug}/redis`),
    refetchInterval: 30_000,
  });
  if (query.data && !query.data.configured) return null;
  const data = query.data;
  return (
    <section className="min-w-0 overflow-x-auto rounded-lg border border-edge bg-panel p-4" data-testid="redis-memory">
      <h3 className="font-semibold">Redis memory</h3>
      <p className="mb-2 font-mono text-xs text-muted">INFO memory · SCAN sample sized with MEMORY USAGE (never KEYS)</p>
      {query.isPending && <p className="text-sm text-muted">Asking Redis…</p>}
      {query.isError && <p className="text-sm text-crit">⚠ {query.error.message}</p>}
      {data?.configured && !data.ok && <p className="text-sm text-crit">⚠ Redis did not answer: {data.error}</p>}
      {data?.configured && data.ok && (
        <>
          <p className="text-sm">
            used_memory_human <strong>{data.usedMemoryHuman}</strong>
            {data.maxMemoryBytes > 0 && <> of maxmemory {mb(data.maxMemoryBytes)}</>} · {data.totalKeys} keys
            {data.fragmentationRatio !== null && <> · fragmentation {data.fragmentationRatio}</>}
          </p>
          <table className="mt-2 w-full text-sm">
            <thead className="text-left text-muted"><tr><th>Key pattern</th><th className="text-right">Keys</th><th className="text-right">Memory</th></tr></thead>
            <tbody>
              {data.patterns.map((p) => (
                <tr key={p.pattern} className="border-t border-edge">
                  <td className="py-1 font-mono text-xs">{p.pattern}</td>
                  <td className="text-right tabular-nums">{p.keys}</td>
                  <td className="text-right tabular-nums">{mb(p.bytes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-2 wrap-anywhere text-xs text-muted">Biggest: {data.biggestKeys.slice(0, 3).map((k) => `${k.key} (${mb(k.bytes)})`).join(", ")} · {data.keysSampled} keys sampled · as of <Age iso={data.checkedAt} /></p>
        </>
      )}
    </section>
  );
}
