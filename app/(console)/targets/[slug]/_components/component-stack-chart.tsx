"use client";

import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ComponentStackPoint } from "@/lib/console/read-component-stack";
import { timeTicks } from "@/lib/console/time-ticks";
import { formatMb, formatTick, formatTime } from "@/lib/format";
import { useClock } from "@/app/_components/clock";
import { COMPONENT_LABELS } from "@/lib/diagnosis/component-labels";

const COLOURS = { api_service: "#58a6ff", agent_system: "#a371f7", database: "#3fb950", cache: "#d29922", redis: "#f85149" };

export function ComponentStackChart({ points, multiDay }: { points: ComponentStackPoint[]; multiDay: boolean }) {
  const { timeZone } = useClock();
  if (points.length === 0) {
    return <p className="py-10 text-center text-sm text-muted">No component breakdown collected in this range yet.</p>;
  }
  return (
    <div className="h-64">
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid stroke="#263241" strokeDasharray="3 3" />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={["dataMin", "dataMax"]}
            ticks={timeTicks({ from: points[0].t, to: points.at(-1)!.t, maxTicks: 8, timeZone })}
            tickFormatter={(t: number) => formatTick(t, multiDay, timeZone)}
            minTickGap={16}
            stroke="#93a1b0"
            fontSize={12}
          />
          <YAxis stroke="#93a1b0" fontSize={12} width={56} />
          <Tooltip
            contentStyle={{ background: "#161d26", border: "1px solid #263241", borderRadius: 6 }}
            labelFormatter={(t) => formatTime(Number(t), true, timeZone)}
            formatter={(value, name) => [formatMb(Number(value), 1), COMPONENT_LABELS[name as keyof typeof COMPONENT_LABELS] ?? name]}
          />
          <Legend formatter={(name: string) => COMPONENT_LABELS[name as keyof typeof COMPONENT_LABELS] ?? name} />
          {(Object.keys(COMPONENT_LABELS) as (keyof typeof COMPONENT_LABELS)[]).map((key) => (
            <Area key={key} type="monotone" dataKey={key} stackId="1" stroke={COLOURS[key]} fill={COLOURS[key]} fillOpacity={0.35} isAnimationActive={false} />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
