import { z } from "zod";

export const alertStatuses = ["inactive", "pending", "firing"] as const;
export type AlertStatus = (typeof alertStatuses)[number];

const epochMs = z.number().int().nonnegative();

/**
 * The persisted state of one rule on one target. Plain JSON (epoch milliseconds,
 * optional fields absent rather than undefined) so the worker can store it in a
 * jsonb column and resume pending progress after a restart.
 */
export const alertStateSchema = z
  .strictObject({
    status: z.enum(alertStatuses),
    // Evaluation time that started the current pending/firing episode; null when inactive.
    activeAt: epochMs.nullable(),
    firedAt: epochMs.optional(),
    resolvedAt: epochMs.optional(),
    // First evaluation whose value no longer held a firing alert (keepFiringFor countdown).
    keepFiringSince: epochMs.optional(),
    // First evaluation at which a firing alert was held only because scrapes failed.
    noDataSince: epochMs.optional(),
  })
  .refine((state) => (state.status === "inactive") === (state.activeAt === null), {
    path: ["activeAt"],
    error: "activeAt must be null exactly when status is inactive",
  });

export type AlertState = z.output<typeof alertStateSchema>;

export function createInactiveState(): AlertState {
  return { status: "inactive", activeAt: null };
}
