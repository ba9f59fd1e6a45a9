"use client";

import { useSyncExternalStore } from "react";
import { Area, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis, CartesianGrid } from "recharts";
import type { AlertThresholds } from "@/lib/alerts/alert-thresholds";
import { formatRatio, formatSeconds } from "@/lib/alerts/describe-alert";
import type { ChartAxis } from "@/lib/console/plan-chart-axis";
import type { ChartMarkerGroup } from "@/lib/console/group-chart-markers";
import { timeTicks } from "@/lib/console/time-ticks";
import { formatMb, formatTick, formatTime } from "@/lib/format";
import type { MemoryPoint } from "@/lib/metrics/memory-point";
import { SeriesSvg } from "@/app/(console)/_components/series-svg";
import { useClock } from "@/app/_components/clock";

type Props = {
  points: MemoryPoint[];
  projection: MemoryPoint[];
  limitMb: number;
  thresholds: AlertThresholds;
  axis: ChartAxis;
  markers?: ChartMarkerGroup[];
  multiDay: boolean;
};

const COLOURS = { ok: "#3fb950", crit: "#f85149", info: "#58a6ff", warn: "#d29922", muted: "#93a1b0" };
// The plot's insets inside the box; the server-drawn preview uses the same ones so nothing jumps.
// Marker labels take two staggered rows above the plot; without markers the plot starts higher.
const margin = (withMarkers: boolean) => ({ top: withMarkers ? 34 : 12, right: 16, bottom: 0, left: 8 });
const Y_AXIS_WIDTH = 56;
const X_AXIS_HEIGHT = 30;
const HEADROOM = 1.1;
const PROJECTION = "#f0883e";

const subscribeNothing = () => () => {};
const axisMb = (mb: number) => (mb >= 1024 ? `${(mb / 1024).toFixed(1)} GB` : `${Math.round(mb)} MB`);

function Swatch({ colour, dash, width = 1.5 }: { colour: string; dash?: string; width?: number }) {
  return (
    <svg width="18" height="6" className="mr-1 inline-block align-middle" aria-hidden>
      <line x1="0" x2="18" y1="3" y2="3" stroke={colour} strokeWidth={width} strokeDasharray={dash} />
    </svg>
  );
}

function MarkerLabel({ viewBox, marker, right, row }: { viewBox?: { x?: number; y?: number }; marker: ChartMarkerGroup; right: boolean; row: number }) {
  const x = viewBox?.x ?? 0;
  const y = (viewBox?.y ?? 0) - 6 - row * 13;
  return (
    <g>
      {marker.count > 1 && <title>{marker.labels.join("\n")}</title>}
      <text x={right ? x - 4 : x + 4} y={y} textAnchor={right ? "end" : "start"} fill={COLOURS[marker.tone]} fontSize={11}>
        {marker.label}
      </text>
    </g>
  );
}

/** The memory trend against the target's own thresholds, with action markers and the projection. */
export function MemoryChart({ points, projection, limitMb, thresholds, axis, markers = [], multiDay }: Props) {
  const { timeZone } = useClock();
  // recharts measures its box in the browser, so it draws nothing on the server: until React
  // has hydrated, the same series is shown as plain SVG in the plot's place.
  const hydrated = useSyncExternalStore(subscribeNothing, () => true, () => false);
  const sev2 = limitMb * thresholds["SEV-2"].ratio;
  const sev1 = limitMb * thresholds["SEV-1"].ratio;
  const top = Math.ceil(limitMb * HEADROOM);
  const data = [
    ...points.map((p) => ({ t: p.t, used: p.valueMb })),
    ...projection.map((p) => ({ t: p.t, projected: p.valueMb })),
  ].sort((a, b) => a.t - b.t);
  const span = axis.to - axis.from;
  const MARGIN = margin(markers.length > 0);
  const ticks = timeTicks({ from: axis.from, to: axis.to, maxTicks: 8, timeZone });
  return (
    <div>
      <ul className="mb-1 flex flex-wrap gap-x-4 gap-y-0.5 text-xs" aria-label="Lines on the chart" data-testid="chart-legend">
        <li style={{ color: COLOURS.warn }}><Swatch colour={COLOURS.warn} dash="4 3" />SEV-2 above {formatRatio(thresholds["SEV-2"].ratio)} for {formatSeconds(thresholds["SEV-2"].forSeconds)}</li>
        <li style={{ color: COLOURS.crit }}><Swatch colour={COLOURS.crit} dash="4 3" />SEV-1 above {formatRatio(thresholds["SEV-1"].ratio)} for {formatSeconds(thresholds["SEV-1"].forSeconds)}</li>
        <li style={{ color: COLOURS.crit }}><Swatch colour={COLOURS.crit} width={2.5} />limit {formatMb(limitMb)}</li>
        {projection.length > 0 && <li style={{ color: PROJECTION }}><Swatch colour={PROJECTION} dash="6 4" width={2} />projection to the limit</li>}
      </ul>
      <div
        className="relative h-80"
        role="img"
        aria-label={`Memory used over time against a limit of ${formatMb(limitMb)}`}
        data-testid="memory-chart"
        data-last-mb={points.at(-1)?.valueMb ?? ""}
        data-markers={markers.flatMap((m) => m.labels).join(" | ")}
      >
        {!hydrated ? (
          <div className="absolute" style={{ top: MARGIN.top, right: MARGIN.right, bottom: MARGIN.bottom + X_AXIS_HEIGHT, left: MARGIN.left + Y_AXIS_WIDTH }} data-testid="chart-preview">
            <SeriesSvg
              points={points}
              from={axis.from}
              to={axis.to}
              maxMb={top}
              area
              lines={[
                { valueMb: sev2, colour: COLOURS.warn, dashed: true },
                { valueMb: sev1, colour: COLOURS.crit, dashed: true },
                { valueMb: limitMb, colour: COLOURS.crit, width: 2 },
              ]}
              className="h-full w-full border-b border-l border-muted/60"
            />
            <span className="absolute right-2 bottom-2 text-xs text-muted">Loading the interactive chart…</span>
          </div>
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={data} margin={MARGIN}>
              <CartesianGrid stroke="#263241" strokeDasharray="3 3" />
              <XAxis
                dataKey="t"
                type="number"
                scale="time"
                domain={[axis.from, axis.to]}
                ticks={ticks}
                tickFormatter={(t: number) => formatTick(t, multiDay, timeZone)}
                stroke={COLOURS.muted}
                fontSize={12}
                height={X_AXIS_HEIGHT}
                minTickGap={16}
                allowDataOverflow
              />
              <YAxis domain={[0, top]} ticks={[0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(limitMb * f))} tickFormatter={axisMb} stroke={COLOURS.muted} fontSize={12} width={Y_AXIS_WIDTH} />
              <Tooltip
                contentStyle={{ background: "#161d26", border: "1px solid #263241", borderRadius: 6 }}
                labelFormatter={(t) => formatTime(Number(t), true, timeZone)}
                formatter={(value, name) => [formatMb(Number(value), 1), name === "used" ? "Used" : "Projected"]}
              />
              <ReferenceLine y={sev2} stroke={COLOURS.warn} strokeDasharray="4 4" />
              <ReferenceLine y={sev1} stroke={COLOURS.crit} strokeDasharray="4 4" />
              {/* Above its own line, where the headroom leaves space: never struck through. */}
              <ReferenceLine y={limitMb} stroke={COLOURS.crit} strokeWidth={2} label={{ value: "limit", fill: COLOURS.crit, fontSize: 11, position: "insideBottomRight" }} />
              {markers.map((m, i) => (
                <ReferenceLine
                  key={`${m.t}-${m.label}`}
                  x={m.t}
                  stroke={COLOURS[m.tone]}
                  strokeWidth={2}
                  label={<MarkerLabel marker={m} right={(m.t - axis.from) / span > 0.6} row={i % 2} />}
                />
              ))}
              <Area type="monotone" dataKey="used" stroke="#58a6ff" fill="#58a6ff" fillOpacity={0.15} strokeWidth={2} dot={false} isAnimationActive={false} connectNulls={false} />
              <Line type="linear" dataKey="projected" stroke={PROJECTION} strokeDasharray="6 4" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls />
            </ComposedChart>
          </ResponsiveContainer>
        )}
      </div>
    </div>
  );
}
