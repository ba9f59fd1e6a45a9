"use client";

import { Line, LineChart, ReferenceLine, ResponsiveContainer, YAxis } from "recharts";
import type { MemoryPoint } from "@/lib/metrics/memory-point";

export function Sparkline({ points, limitMb }: { points: MemoryPoint[]; limitMb: number }) {
  if (points.length < 2) {
    return <div className="flex h-12 items-center text-xs text-muted">No samples in the last hour</div>;
  }
  return (
    <div className="h-12" aria-hidden>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 2, bottom: 2, left: 0, right: 0 }}>
          <YAxis hide domain={[0, limitMb]} />
          <ReferenceLine y={limitMb * 0.85} stroke="#d29922" strokeDasharray="2 3" />
          <Line type="monotone" dataKey="valueMb" stroke="#58a6ff" dot={false} strokeWidth={1.5} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
