"use client";

import { useState } from "react";
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ConsumerGrowth } from "@/lib/console/read-consumer-growth";
import type { ConsumerCallout } from "@/lib/console/pick-consumer-callout";
import { formatMb, formatSignedMb, formatTime } from "@/lib/format";

type Sort = "size" | "growth";

export function ConsumersPanel({ consumers, callout, rangeLabel }: { consumers: ConsumerGrowth[]; callout: ConsumerCallout | null; rangeLabel: string }) {
  const [sort, setSort] = useState<Sort>("growth");
  if (consumers.length === 0) return <p className="text-sm text-muted">No consumer breakdown from the target yet.</p>;
  const sorted = [...consumers].sort((a, b) => (sort === "size" ? b.currentMb - a.currentMb : (b.growthMb ?? -Infinity) - (a.growthMb ?? -Infinity)));
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
          <span className="ml-auto text-warn" data-testid="leak-suspect" data-reason={callout.reason}>
            {callout.reason === "explains_jump" ? `▲ Explains the jump of ${formatMb(callout.jumpMb)}${callout.jumpAt ? ` at ${formatTime(callout.jumpAt)}` : ""}: ` : "▲ Growing most: "}
            <strong>{callout.name}</strong> ({formatSignedMb(callout.growthMb)}{callout.appeared ? ", new in this range" : ""})
          </span>
        )}
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="min-w-0 overflow-x-auto">
          <table className="w-full text-sm" data-testid="consumers-table">
            <thead className="text-left text-muted">
              <tr>
                <th className="py-1 pr-2">Consumer</th>
                <th className="py-1 pr-2">Component</th>
                <th className="py-1 pr-2 text-right">Now</th>
                <th className="py-1 text-right">Growth</th>
              </tr>
            </thead>
            <tbody>
              {sorted.slice(0, 10).map((c) => (
                <tr key={`${c.component}/${c.name}`} className="border-t border-edge" title={c.description}>
                  <td className="py-1 pr-2 font-medium">
                    {c.name}
                    {c.appeared && <span className="ml-1 rounded bg-warn/20 px-1 text-xs text-warn">new</span>}
                  </td>
                  <td className="py-1 pr-2 text-muted">{c.component}</td>
                  <td className="py-1 pr-2 text-right tabular-nums">{formatMb(c.currentMb, 1)}</td>
                  <td className={`py-1 text-right tabular-nums ${(c.growthMb ?? 0) > 10 ? "text-warn" : ""}`}>{formatSignedMb(c.growthMb, 1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="h-64 min-w-0" aria-hidden>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={sorted.slice(0, 10)} layout="vertical" margin={{ left: 8, right: 16 }}>
              <XAxis type="number" stroke="#93a1b0" fontSize={12} />
              <YAxis type="category" dataKey="name" width={130} stroke="#93a1b0" fontSize={11} />
              <Tooltip contentStyle={{ background: "#161d26", border: "1px solid #263241" }} formatter={(v) => formatMb(Number(v), 1)} />
              <Bar dataKey={sort === "size" ? "currentMb" : "growthMb"} fill={sort === "size" ? "#58a6ff" : "#d29922"} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </div>
    </div>
  );
}
