import type { MemoryPoint } from "@/lib/metrics/memory-point";

type Line = { valueMb: number; colour: string; dashed?: boolean; width?: number };

const W = 1000;
const H = 100;

/**
 * A memory series as plain SVG, stretched to its box: it renders on the server, so it is in
 * the first paint (the sparklines, and the memory chart until its interactive version has
 * loaded). No axes, no tooltip: where those are needed the page uses recharts.
 */
export function SeriesSvg({ points, from, to, maxMb, lines = [], area = false, className }: {
  points: MemoryPoint[];
  from: number;
  to: number;
  maxMb: number;
  lines?: Line[];
  area?: boolean;
  className?: string;
}) {
  const x = (t: number) => (((t - from) / Math.max(1, to - from)) * W).toFixed(1);
  const y = (mb: number) => (H - (Math.min(Math.max(mb, 0), maxMb) / maxMb) * H).toFixed(2);
  const path = points.map((p, i) => `${i === 0 ? "M" : "L"}${x(p.t)},${y(p.valueMb)}`).join("");
  const first = points[0];
  const last = points.at(-1);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" className={className} aria-hidden focusable="false">
      {lines.map((line) => (
        <line key={`${line.valueMb}-${line.colour}`} x1={0} x2={W} y1={y(line.valueMb)} y2={y(line.valueMb)} stroke={line.colour} strokeWidth={line.width ?? 1} strokeDasharray={line.dashed ? "3 3" : undefined} vectorEffect="non-scaling-stroke" />
      ))}
      {area && first && last && <path d={`${path}L${x(last.t)},${H}L${x(first.t)},${H}Z`} fill="#58a6ff" fillOpacity={0.15} />}
      <path d={path} fill="none" stroke="#58a6ff" strokeWidth={1.5} vectorEffect="non-scaling-stroke" strokeLinejoin="round" />
    </svg>
  );
}
