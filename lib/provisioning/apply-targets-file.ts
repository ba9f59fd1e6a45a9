import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db";
import { appendAuditEvent, AUDIT_TX_OPTIONS } from "@/lib/audit/append-audit-event";
import { systemRequestMeta } from "@/lib/audit/request-meta";
import { outboundRefusalOf } from "@/lib/net/check-outbound-url";
import { parseTargetsFile } from "@/lib/provisioning/parse-targets-file";
import { targetRowData } from "@/lib/targets/target-row-data";

export type ApplyOutcome = { ok: true; created: string[]; updated: string[]; disabled: string[] } | { ok: false; errors: string[] };

const COMPARED = ["name", "kind", "baseUrl", "preset", "usedMetric", "limitMetric", "matchLabels", "configuredMemoryLimitMb", "scrapeIntervalSeconds", "enabled", "provisionedFrom"] as const;

// PostgreSQL's jsonb orders object keys its own way: compare with keys sorted.
const canonical = (value: unknown): string =>
  value && typeof value === "object" && !Array.isArray(value)
    ? `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(",")}}`
    : JSON.stringify(value);
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/**
 * Applies the provisioning file: targets in it are created or updated (and owned by it from
 * then on), targets it owned that are gone from it are disabled and handed back to the console,
 * never deleted (their history stays). A bad file changes nothing: the running targets keep running. Replicas serialise on
 * an advisory lock and compare before writing, so however many apply one change, one makes it
 * and one audit row records it (docs/decisions/0017-provisioning-file.md).
 */
export async function applyTargetsFile(options: { filePath: string; log?: (line: string) => void }): Promise<ApplyOutcome> {
  const log = options.log ?? (() => {});
  const fileName = path.basename(options.filePath);
  const actor = { kind: "system" as const, label: `provisioning:${fileName}` };
  const meta = systemRequestMeta(`provisioning ${fileName}`);
  let text: string;
  try {
    text = await readFile(options.filePath, "utf8");
  } catch (error) {
    return refuse([`${options.filePath}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`]);
  }
  const parsed = parseTargetsFile({ text, fileName });
  if (!parsed.ok) return refuse(parsed.errors);
  // The operator's file is held to HEADROOM_OUTBOUND_ALLOWLIST as an admin's form is.
  const outside = await Promise.all(
    parsed.targets.map(async (t, i) => {
      const refusal = t.baseUrl ? await outboundRefusalOf(t.baseUrl) : null;
      return refusal && `${fileName}, targets[${i}].url (${t.slug}): ${refusal}`;
    }),
  );
  if (outside.some(Boolean)) return refuse(outside.filter((e): e is string => Boolean(e)));

  async function refuse(errors: string[]): Promise<ApplyOutcome> {
    log(`${fileName} refused; the targets keep running as they are:\n  ${errors.join("\n  ")}`);
    await db.$transaction(
      (tx) => appendAuditEvent(tx, { type: "targets.provisioned", outcome: "invalid", actor, error: errors.join("\n").slice(0, 2000), data: { file: fileName, errors: errors.slice(0, 50) } }, { meta }),
      AUDIT_TX_OPTIONS,
    );
    return { ok: false, errors };
  }

  const outcome = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('headroom_targets_file'))`;
    const slugs = parsed.targets.map((t) => t.slug);
    const existing = await tx.target.findMany({
      where: { OR: [{ slug: { in: slugs } }, { provisionedFrom: fileName }] },
      select: {
        id: true, slug: true, memoryLimitMb: true, memoryLimitSource: true, name: true, kind: true, baseUrl: true, preset: true, usedMetric: true,
        limitMetric: true, matchLabels: true, configuredMemoryLimitMb: true, scrapeIntervalSeconds: true, enabled: true, provisionedFrom: true,
      },
    });
    const bySlug = new Map(existing.map((row) => [row.slug, row]));
    const changes = { created: [] as string[], updated: [] as string[], disabled: [] as string[] };
    for (const definition of parsed.targets) {
      const row = bySlug.get(definition.slug);
      const data = { ...targetRowData(definition, row ?? null), provisionedFrom: fileName };
      if (!row) {
        await tx.target.create({ data: { slug: definition.slug, ...data } });
        changes.created.push(definition.slug);
      } else if (COMPARED.some((key) => !same((row as Record<string, unknown>)[key], (data as Record<string, unknown>)[key]))) {
        await tx.target.update({ where: { id: row.id }, data: { ...data, nextScrapeAt: new Date() } });
        changes.updated.push(definition.slug);
      }
    }
    // Disabled and handed back to the console, which may then delete it: the file no longer owns it.
    const gone = existing.filter((row) => row.provisionedFrom === fileName && !slugs.includes(row.slug));
    if (gone.length > 0) {
      await tx.target.updateMany({ where: { id: { in: gone.map((row) => row.id) } }, data: { enabled: false, provisionedFrom: null } });
      changes.disabled.push(...gone.map((row) => row.slug));
    }
    if (changes.created.length + changes.updated.length + changes.disabled.length > 0) {
      await appendAuditEvent(tx, { type: "targets.provisioned", outcome: "ok", actor, data: { file: fileName, ...changes } }, { meta });
    }
    return changes;
  }, AUDIT_TX_OPTIONS);
  const summary = [["created", outcome.created], ["updated", outcome.updated], ["disabled", outcome.disabled]].filter(([, list]) => list.length > 0);
  log(summary.length ? `${fileName} applied: ${summary.map(([what, list]) => `${what} ${(list as string[]).join(", ")}`).join("; ")}` : `${fileName} applied: no changes`);
  return { ok: true, ...outcome };
}
