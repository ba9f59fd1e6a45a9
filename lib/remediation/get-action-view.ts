import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { actionInclude, toActionView } from "@/lib/remediation/action-rows";
import type { ActionView } from "@/lib/remediation/action-view";

export const actionIdSchema = z.coerce.number({ error: "id must be a number" }).int({ error: "id must be a whole number" }).min(1, { error: "id must be 1 or more" }).max(2_147_483_647, { error: "id is too large" });

/** One action as its record shows it, for a page following its run. Readable by anyone signed in, as the target page's list is. */
export async function getActionView(options: { id: unknown }): Promise<ActionView> {
  const id = actionIdSchema.safeParse(options.id);
  if (!id.success) throw new AppError("INVALID_INPUT", `Invalid action id: ${id.error.issues[0].message}.`, { fieldErrors: { id: id.error.issues[0].message } });
  const row = await db.remediationAction.findUnique({ where: { id: id.data }, include: actionInclude });
  if (!row) throw new AppError("NOT_FOUND", `No action #${id.data}.`);
  return toActionView(row);
}
