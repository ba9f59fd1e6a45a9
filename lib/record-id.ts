import { z } from "zod";

/** The largest id a SERIAL column holds: a bigger one names no record, and must never reach the database. */
export const MAX_RECORD_ID = 2_147_483_647;

/** A record id from a form, a path or a JSON body, bounded to what the database can hold. */
export const recordIdSchema = (what: string) =>
  z.coerce
    .number({ error: `${what} must be a number` })
    .int({ error: `${what} must be a whole number` })
    .positive({ error: `${what} must be positive` })
    .max(MAX_RECORD_ID, { error: `${what} is out of range (1 to ${MAX_RECORD_ID})` });
