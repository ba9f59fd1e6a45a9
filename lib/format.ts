// The one place numbers and times are formatted for people. Times use the viewer's own
// timezone (these run in the browser for client components).

export function formatMb(mb: number | null | undefined, digits = 0): string {
  if (mb === null || mb === undefined || !Number.isFinite(mb)) return "—";
  if (Math.abs(mb) >= 10_000) return `${(mb / 1024).toFixed(1)} GB`;
  return `${mb.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits })} MB`;
}

export function formatSignedMb(mb: number | null | undefined, digits = 0): string {
  if (mb === null || mb === undefined || !Number.isFinite(mb)) return "—";
  return `${mb > 0 ? "+" : mb < 0 ? "−" : "±"}${formatMb(Math.abs(mb), digits)}`;
}

export function formatPercent(percent: number | null | undefined, digits = 1): string {
  if (percent === null || percent === undefined || !Number.isFinite(percent)) return "—";
  return `${percent.toFixed(digits)}%`;
}

export function formatMinutes(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return "—";
  if (minutes < 1) return "< 1 min";
  if (minutes < 90) return `${Math.round(minutes)} min`;
  if (minutes < 48 * 60) return `${(minutes / 60).toFixed(1)} h`;
  return `${Math.round(minutes / 60 / 24)} d`;
}

export function formatAge(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return "never";
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 90) return `${seconds} s ago`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min ago`;
  return `${Math.round(seconds / 3600)} h ago`;
}

export function formatTime(t: number | string, withDate = false): string {
  const date = new Date(t);
  return date.toLocaleString(undefined, {
    ...(withDate ? { month: "short", day: "numeric" } : {}),
    hour: "2-digit",
    minute: "2-digit",
    second: withDate ? undefined : "2-digit",
  });
}

/** Axis ticks: hours and minutes, with the day for ranges of more than a day. */
export function formatTick(t: number, withDate: boolean): string {
  const date = new Date(t);
  const time = date.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  return withDate ? `${date.toLocaleDateString(undefined, { month: "short", day: "numeric" })} ${time}` : time;
}
