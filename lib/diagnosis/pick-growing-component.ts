import type { MemoryPoint } from "@/lib/metrics/memory-point";
import { measureLevelChange } from "./series-stats";

export const componentKeys = ["api_service", "agent_system", "database", "cache", "redis"] as const;
export type ComponentKey = (typeof componentKeys)[number];

export type ComponentSeries = Partial<Record<ComponentKey, readonly MemoryPoint[]>>;

export type GrowingComponent = {
  key: ComponentKey;
  growthMb: number;
  /** Its share of the growth of all components that grew (0..1]. */
  share: number;
};

/**
 * The runbook's "Which component?": the one that grew most in absolute MB over the
 * window (end level minus start level). Null when no component grew.
 */
export function pickGrowingComponent({ components, edgeMs }: { components: ComponentSeries; edgeMs: number }): GrowingComponent | null {
  const growths = componentKeys
    .map((key) => {
      const series = [...(components[key] ?? [])].sort((a, b) => a.t - b.t);
      return { key, growthMb: series.length > 0 ? measureLevelChange({ samples: series, edgeMs }) : 0 };
    })
    .filter((g) => g.growthMb > 0);
  if (growths.length === 0) return null;
  const total = growths.reduce((sum, g) => sum + g.growthMb, 0);
  const top = growths.reduce((best, g) => (g.growthMb > best.growthMb ? g : best));
  return { ...top, share: top.growthMb / total };
}
