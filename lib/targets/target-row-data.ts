import { reportsLimit, type TargetDefinition } from "@/lib/targets/target-definition";

/** The limit a target has before its source reports one, when nobody set one (say so on the page). */
export const PLACEHOLDER_LIMIT_MB = 4096;

type CurrentLimit = { memoryLimitMb: number; memoryLimitSource: string } | null;

/**
 * The columns a definition sets. The limit in force (memoryLimitMb) is the configured one,
 * unless the source reports its own, which wins (docs/decisions/0016-target-kinds-and-presets.md).
 */
export function targetRowData(definition: TargetDefinition, current: CurrentLimit = null) {
  const { mapping, configuredMemoryLimitMb } = definition;
  const stillReported = current?.memoryLimitSource === "reported" && reportsLimit(definition.kind, mapping);
  const limit = stillReported
    ? {}
    : configuredMemoryLimitMb !== null
      ? { memoryLimitMb: configuredMemoryLimitMb, memoryLimitSource: "configured" }
      : { memoryLimitMb: current?.memoryLimitMb ?? PLACEHOLDER_LIMIT_MB, memoryLimitSource: "default" };
  return {
    name: definition.name,
    kind: definition.kind,
    baseUrl: definition.baseUrl,
    preset: mapping?.preset ?? null,
    usedMetric: mapping?.usedMetric ?? null,
    limitMetric: mapping?.limitMetric ?? null,
    matchLabels: mapping?.matchLabels ?? {},
    configuredMemoryLimitMb,
    scrapeIntervalSeconds: definition.scrapeIntervalSeconds,
    enabled: definition.enabled,
    ...limit,
  };
}
