"use client";

import { Area, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis, CartesianGrid } from "recharts";
import { formatMb, formatTick, formatTime } from "@/lib/format";

import type { ChartMarker } from "@/lib/metrics/chart-marker";
import type { MemoryPoint } from "@/lib/metrics/memory-point";

type Props = {
  points: MemoryPoint[];
  projection: MemoryPoint[];
  limitMb: number;
  from: number;
  to: number;
  markers?: ChartMarker[];
  multiDay: boolean;
};

const MARKER_COLOURS = { ok: "#3fb950", crit: "#f85149", info: "#58a6ff" };

export function MemoryChart({ points, projection, limitMb, from, to, markers = [], multiDay }: Props) {
  const data = [
    ...points.map((p) => ({ t: p.t, used: p.valueMb })),
    ...projection.map((p) => ({ t: p.t, projected: p.valueMb })),
  ].sort((a, b) => a.t - b.t);
  const end = Math.max(to, projection.at(-1)?.t ?? to);
  return (
    <div className="h-80" role="img" aria-label={`Memory used over time against a limit of ${formatMb(limitMb)}`} data-testid="memory-chart" data-last-mb={points.at(-1)?.valueMb ?? ""} data-markers={markers.map((m) => m.label).join(" | ")}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 10, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid stroke="#263241" strokeDasharray="3 3" />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={[from, end]}
            tickFormatter={(t: number) => formatTick(t, multiDay)}
            stroke="#93a1b0"
            fontSize={12}
            minTickGap={24}
          />
          <YAxis
            domain={[0, Math.ceil(limitMb * 1.05)]}
            ticks={[0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(limitMb * f))}
            tickFormatter={(v: number) => `${Math.round(v)}`}
            stroke="#93a1b0"
            fontSize={12}
            width={56}
          />
          <Tooltip
            contentStyle={{ background: "#161d26", border: "1px solid #263241", borderRadius: 6 }}
            labelFormatter={(t) => formatTime(Number(t), true)}
            formatter={(value, name) => [formatMb(Number(value), 1), name === "used" ? "Used" : "Projected"]}
          />
          <ReferenceLine y={limitMb * 0.85} stroke="#d29922" strokeDasharray="4 4" label={{ value: "85% SEV-2", fill: "#d29922", fontSize: 11, position: "insideTopLeft" }} />
          <ReferenceLine y={limitMb * 0.95} stroke="#f85149" strokeDasharray="4 4" label={{ value: "95% SEV-1", fill: "#f85149", fontSize: 11, position: "insideTopLeft" }} />
          <ReferenceLine y={limitMb} stroke="#f85149" strokeWidth={2} label={{ value: `limit ${formatMb(limitMb)}`, fill: "#f85149", fontSize: 11, position: "insideTopRight" }} />
          {markers.map((m) => (
            <ReferenceLine key={`${m.t}-${m.label}`} x={m.t} stroke={MARKER_COLOURS[m.tone]} strokeWidth={2} label={{ value: m.label, fill: MARKER_COLOURS[m.tone], fontSize: 11, position: "top" }} />
          ))}
          <Area type="monotone" dataKey="used" stroke="#58a6ff" fill="#58a6ff" fillOpacity={0.15} strokeWidth={2} dot={false} isAnimationActive={false} connectNulls={false} />
          <Line type="linear" dataKey="projected" stroke="#f0883e" strokeDasharray="6 4" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
