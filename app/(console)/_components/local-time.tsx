"use client";

import { formatAge, formatTime } from "@/lib/format";
import { useClock } from "@/app/_components/clock";

/** A time in the viewer's own time zone (rendered in it on the server too once the browser has said which). */
export function LocalTime({ iso, withDate = true }: { iso: string | null; withDate?: boolean }) {
  const { timeZone } = useClock();
  if (!iso) return <span className="text-muted">—</span>;
  return (
    <time dateTime={iso} title={iso}>
      {formatTime(iso, withDate, timeZone)}
    </time>
  );
}

/** "12 s ago", kept current by the clock. */
export function Age({ iso }: { iso: string | null }) {
  const { now } = useClock();
  return <span title={iso ?? undefined}>{formatAge(iso, now)}</span>;
}
