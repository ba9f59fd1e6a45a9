import { z } from "zod";

/** The cookie in which the browser tells the server its time zone, so pages render in it. */
export const TIME_ZONE_COOKIE = "tz";

/** An IANA zone name the runtime knows ("Europe/Berlin"); a cookie may carry anything. */
export const timeZoneSchema = z
  .string()
  .max(64)
  .refine((value) => {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: value });
      return true;
    } catch {
      return false;
    }
  }, "not a known time zone");

/** The zone to render in: the cookie's when it is a valid one, else UTC. */
export function renderTimeZone(cookieValue: string | undefined): string {
  const parsed = timeZoneSchema.safeParse(cookieValue);
  return parsed.success ? parsed.data : "UTC";
}

/**
 * The clock a page is rendered with: the viewer's zone (from the cookie) and the moment of the
 * request, which the browser's first render reuses so that server and browser print the same text.
 */
export function renderClock(cookieValue: string | undefined): { timeZone: string; renderedAt: number } {
  return { timeZone: renderTimeZone(cookieValue), renderedAt: Date.now() };
}
