"use client";

import { createContext, useContext, useEffect, useSyncExternalStore } from "react";
import { TIME_ZONE_COOKIE } from "@/lib/time-zone";

/** The time zone the server rendered in (the viewer's, from their cookie; UTC on a first visit) and when. */
type ServerClock = { timeZone: string; renderedAt: number };

const ServerClockContext = createContext<ServerClock>({ timeZone: "UTC", renderedAt: 0 });

const TICK_MS = 5_000;

let now = Date.now();
const listeners = new Set<() => void>();
let ticker: ReturnType<typeof setInterval> | null = null;

function subscribeNow(listener: () => void) {
  listeners.add(listener);
  now = Date.now();
  ticker ??= setInterval(() => {
    now = Date.now();
    for (const l of listeners) l();
  }, TICK_MS);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && ticker) {
      clearInterval(ticker);
      ticker = null;
    }
  };
}

const subscribeNothing = () => () => {};
const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * Times and ages as the viewer should read them, without a hydration mismatch: while React
 * hydrates, `now` and `timeZone` are what the server rendered with; afterwards the browser's
 * own zone and a clock that ticks every 5 s. The zone is kept in a cookie so the next page
 * is rendered in it on the server already.
 */
export function useClock(): { now: number; timeZone: string } {
  const server = useContext(ServerClockContext);
  const timeZone = useSyncExternalStore(subscribeNothing, browserTimeZone, () => server.timeZone);
  const current = useSyncExternalStore(subscribeNow, () => now, () => server.renderedAt);
  return { now: current, timeZone };
}

export function ClockProvider({ timeZone, renderedAt, children }: ServerClock & { children: React.ReactNode }) {
  useEffect(() => {
    const zone = browserTimeZone();
    if (zone !== timeZone) document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`;
  }, [timeZone]);
  return <ServerClockContext.Provider value={{ timeZone, renderedAt }}>{children}</ServerClockContext.Provider>;
}
