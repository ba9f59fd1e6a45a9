import "server-only";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * The chain's head as it was at a moment, kept in a file outside the database: whoever can
 * delete the last audit rows (or rewrite the chain) cannot also change this copy.
 */
export const auditAnchorSchema = z.object({
  version: z.literal(1),
  headId: z.string().regex(/^\d{1,19}$/),
  headHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** The first row keyed with HEADROOM_AUDIT_KEY: from it on, every row must be keyed. */
  keyedFromId: z.string().regex(/^\d{1,19}$/).nullable(),
  anchoredAt: z.iso.datetime(),
});
export type AuditAnchor = z.infer<typeof auditAnchorSchema>;

/** The anchor in `file`, null when there is none yet; throws when the file is not an anchor. */
export function readAuditAnchor(file: string): AuditAnchor | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  const parsed = auditAnchorSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${file} is not an audit anchor (${parsed.error.issues[0].message})`);
  return parsed.data;
}

/** Replaces the anchor atomically (write, then rename): a reader never sees half a file. */
export function writeAuditAnchor(file: string, anchor: AuditAnchor): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, `${JSON.stringify(anchor, null, 2)}\n`, { mode: 0o644 });
  renameSync(partial, file);
}
