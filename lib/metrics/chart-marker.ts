/** Something that happened to a target at `t` (epoch ms), drawn on its memory chart. */
export type ChartMarker = { t: number; label: string; tone: "ok" | "crit" | "warn" | "info" };
