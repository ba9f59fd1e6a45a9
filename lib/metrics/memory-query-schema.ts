import { z } from "zod";

const HOUR_MS = 3_600_000;
const time = z.union([
  z.string().regex(/^\d{10,13}$/).transform((v) => new Date(Number(v))),
  z.iso.datetime({ offset: true }).transform((v) => new Date(v)),
]);

/** `?from&to&points` of the series read: ISO times or epoch ms; the last hour by default. */
export const memoryQuerySchema = z
  .object({
    from: time.optional(),
    to: time.optional(),
    points: z.coerce.number().int().min(2).max(5000).default(500),
  })
  .transform((q) => {
    const to = q.to ?? new Date();
    return { to, from: q.from ?? new Date(to.getTime() - HOUR_MS), points: q.points };
  })
  .refine((q) => q.from < q.to, "from must be before to")
  .refine((q) => q.to.getTime() - q.from.getTime() <= 400 * 24 * HOUR_MS, "the range is limited to 400 days");
