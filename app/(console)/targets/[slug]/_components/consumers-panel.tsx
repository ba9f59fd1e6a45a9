"use client";

import { useState } from "react";
import type { ConsumerGrowth } from "@/lib/console/read-consumer-growth";
import type { ConsumerCallout } from "@/lib/console/pick-consumer-callout";
import { formatMb, formatSignedMb, formatTime } from "@/lib/format";
import { useClock } from "@/app/_components/clock";
import { TableHead } from "@/app/_components/table-head";

type Sort = "size" | "growth";

// Names are long dotted identifiers: let them wrap after a dot or underscore, not mid-word.
const breakable = (name: string) => name.split(/(?<=[._])/).flatMap((part, i) => (i === 0 ? [part] : [<wbr key={i} />, part]));

/**
 * The top consumers as one table whose rows carry their own bar: the name is the label, so it
 * is never cut or drawn over another, and on a phone the component folds under the name. The
 * callout names the consumer that explains a spike's jump, or else the one growing most.
 */
export function ConsumersPanel({ consumers, callout, rangeLabel }: { consumers: ConsumerGrowth[]; callout: ConsumerCallout | null; rangeLabel: string }) {
  const { timeZone } = useClock();
  const [sort, setSort] = useState<Sort>("growth");
  if (consumers.length === 0) return <p className="text-sm text-muted">No consumer breakdown from the target yet.</p>;
  const value = (c: ConsumerGrowth) => (sort === "size" ? c.currentMb : (c.growthMb ?? -Infinity));
  const sorted = [...consumers].sort((a, b) => value(b) - value(a)).slice(0, 10);
  const largest = Math.max(...sorted.map((c) => Math.max(0, value(c))), 1);
  return (
    <div>
      <div className="mb-2 flex flex-wrap items-center gap-2 text-sm">
        <span className="text-muted">Rank by</span>
        {(["growth", "size"] as const).map((s) => (
          <button key={s} type="button" onClick={() => setSort(s)} aria-pressed={sort === s} className={`rounded px-2 py-0.5 ${sort === s ? "bg-edge" : "text-muted hover:text-ink"}`}>
            {s === "growth" ? `growth over ${rangeLabel}` : "size now"}
          </button>
        ))}
        {callout && (
          <span className="min-w-0 break-words text-warn sm:ml-auto" data-testid="leak-suspect" data-reason={callout.reason}>
            {callout.reason === "explains_jump" ? `▲ Explains the jump of ${formatMb(callout.jumpMb)}${callout.jumpAt ? ` at ${formatTime(callout.jumpAt, false, timeZone)}` : ""}: ` : "▲ Growing most: "}
            <strong>{callout.name}</strong> ({formatSignedMb(callout.growthMb)}{callout.appeared ? ", new in this range" : ""})
          </span>
        )}
      </div>
      <table className="w-full table-fixed text-sm" data-testid="consumers-table">
        <TableHead
          className="text-left text-muted"
          cellClassName="py-1"
          columns={[
            { key: "consumer", label: "Consumer", className: "pr-2" },
            { key: "component", label: "Component", className: "hidden w-32 pr-2 md:table-cell" },
            { key: "now", label: "Now", className: "w-20 pr-2 text-right sm:w-24" },
            { key: "growth", label: "Growth", className: "w-20 text-right sm:w-24" },
            { key: "bar", label: <span className="sr-only">Bar</span>, className: "hidden w-[30%] pl-3 lg:table-cell" },
          ]}
        />
        <tbody>
          {sorted.map((c) => {
            const share = Math.max(0, value(c)) / largest;
            return (
              <tr key={`${c.component}/${c.name}`} className="border-t border-edge align-top" title={c.description}>
                <td className="py-1 pr-2">
                  <span className="break-words font-medium">{breakable(c.name)}</span>
                  {c.appeared && <span className="ml-1 rounded bg-warn/20 px-1 text-xs text-warn">new</span>}
                  <span className="block text-xs text-muted md:hidden">{c.component}</span>
                  <span className="mt-1 block h-1 rounded bg-edge lg:hidden" aria-hidden>
                    <span className={`block h-1 rounded ${sort === "size" ? "bg-accent" : "bg-warn"}`} style={{ width: `${share * 100}%` }} />
                  </span>
                </td>
                <td className="hidden py-1 pr-2 text-muted md:table-cell">{c.component}</td>
                <td className="py-1 pr-2 text-right tabular-nums">{formatMb(c.currentMb, 1)}</td>
                <td className={`py-1 text-right tabular-nums ${(c.growthMb ?? 0) > 10 ? "text-warn" : ""}`}>{formatSignedMb(c.growthMb, 1)}</td>
                <td className="hidden py-1.5 pl-3 lg:table-cell" aria-hidden>
                  <span className={`block h-3 rounded-sm ${sort === "size" ? "bg-accent" : "bg-warn"}`} style={{ width: `${share * 100}%` }} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
