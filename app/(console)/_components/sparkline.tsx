import type { AlertThresholds } from "@/lib/alerts/alert-thresholds";
import type { MemoryPoint } from "@/lib/metrics/memory-point";
import { SeriesSvg } from "@/app/(console)/_components/series-svg";

const HOUR = 3_600_000;

/** The last hour against the target's own SEV-2 and SEV-1 lines (not a fixed 85/95 %). */
export function Sparkline({ points, limitMb, thresholds, to }: { points: MemoryPoint[]; limitMb: number; thresholds: AlertThresholds; to: number }) {
  return (
    <SeriesSvg
      points={points}
      from={to - HOUR}
      to={to}
      maxMb={limitMb}
      lines={[
        { valueMb: limitMb * thresholds["SEV-2"].ratio, colour: "#d29922", dashed: true },
        { valueMb: limitMb * thresholds["SEV-1"].ratio, colour: "#f85149", dashed: true },
      ]}
      className="h-12 w-full"
    />
  );
}
