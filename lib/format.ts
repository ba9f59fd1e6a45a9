// The one place numbers and times are formatted for people. Every function is pure: times take
// the viewer's time zone and ages take "now" explicitly, so that the server's rendering and the
// browser's hydration produce the same text (app/_components/clock.tsx supplies both).

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

export function formatAge(iso: string | null | undefined, now: number): string {
  if (!iso) return "never";
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 90) return `${seconds} s ago`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min ago`;
  return `${Math.round(seconds / 3600)} h ago`;
}

// One fixed locale and a 24-hour clock, so that the server's rendering and the browser's agree
// whatever either one's locale is; only the time zone is the viewer's (useClock passes it).
const LOCALE = "en-US";
const formats = new Map<string, Intl.DateTimeFormat>();

function format(options: Intl.DateTimeFormatOptions & { timeZone: string }): Intl.DateTimeFormat {
  const key = JSON.stringify(options);
  let formatter = formats.get(key);
  if (!formatter) formats.set(key, (formatter = new Intl.DateTimeFormat(LOCALE, { hourCycle: "h23", ...options })));
  return formatter;
}

/** "Dec 1, 14:05" with the date, "14:05:09" without. */
export function formatTime(t: number | string, withDate: boolean, timeZone: string): string {
  const options = withDate
    ? { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone } as const
    : { hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone } as const;
  return format(options).format(new Date(t));
}

/** Axis ticks: hours and minutes, with the day for ranges of more than a day. */
export function formatTick(t: number, withDate: boolean, timeZone: string): string {
  const options = withDate
    ? { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone } as const
    : { hour: "2-digit", minute: "2-digit", timeZone } as const;
  return format(options).format(new Date(t));
}

/** The zone's offset from UTC at `t`, in ms (what a local midnight is shifted by). */
export function timeZoneOffsetMs(t: number, timeZone: string): number {
  const parts = Object.fromEntries(
    format({ year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric", timeZone }).formatToParts(new Date(t)).map((p) => [p.type, p.value]),
  );
  const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour) % 24, Number(parts.minute), Number(parts.second));
  return local - Math.floor(t / 1000) * 1000;
}
