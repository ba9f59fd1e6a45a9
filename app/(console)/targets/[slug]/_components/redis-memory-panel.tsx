"use client";

import type { RedisMemory } from "@/lib/investigation/read-redis-memory";
import { formatMb } from "@/lib/format";
import { Age } from "@/app/(console)/_components/local-time";
import { DiagnosticsPanel } from "./diagnostics-panel";

const mb = (bytes: number) => formatMb(bytes / 1024 / 1024, 2);

/** The runbook's Redis checks (INFO memory, --bigkeys), shown only for targets with a Redis URL. */
export function RedisMemoryPanel({ slug }: { slug: string }) {
  return (
    <DiagnosticsPanel<RedisMemory>
      slug={slug}
      resource="redis"
      testId="redis-memory"
      title="Redis memory"
      command="INFO memory · SCAN sample sized with MEMORY USAGE (never KEYS)"
      asking="Asking Redis…"
      noAnswer="Redis did not answer"
    >
      {(data) => (
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
    </DiagnosticsPanel>
  );
}
