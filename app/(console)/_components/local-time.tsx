"use client";

import { formatTime } from "@/lib/format";

/** A time in the viewer's own timezone; the server's rendering is replaced on hydration. */
export function LocalTime({ iso, withDate = true }: { iso: string | null; withDate?: boolean }) {
  if (!iso) return <span className="text-muted">—</span>;
  return (
    <time dateTime={iso} title={iso} suppressHydrationWarning>
      {formatTime(iso, withDate)}
    </time>
  );
}
