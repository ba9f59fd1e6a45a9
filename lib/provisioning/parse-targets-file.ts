import { LineCounter, isMap, isNode, parseDocument, type Document } from "yaml";
import { z } from "zod";
import { targetEntrySchema, type TargetDefinition } from "@/lib/targets/target-definition";

export type TargetsFileResult = { ok: true; targets: TargetDefinition[] } | { ok: false; errors: string[] };

const fileSchema = z
  .strictObject({ targets: z.array(targetEntrySchema, { error: (i) => (i.input === undefined ? "is required: a list of targets" : "must be a list of targets") }) })
  .superRefine((file, ctx) => {
    const first = new Map<string, number>();
    file.targets.forEach((target, index) => {
      const seen = first.get(target.slug);
      if (seen === undefined) first.set(target.slug, index);
      else ctx.addIssue({ code: "custom", path: ["targets", index, "slug"], message: `"${target.slug}" is already used by targets[${seen}]` });
    });
  });

const formatPath = (path: readonly PropertyKey[]) =>
  path.reduce<string>((out, key) => (typeof key === "number" ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), "");

/** The line of the nearest node on `path` (the offending key for an unknown field, the entry for a missing one). */
function lineOf(doc: Document, path: readonly PropertyKey[], lines: LineCounter, unknownKey?: string): number {
  if (unknownKey !== undefined) {
    const map = doc.getIn(path as unknown[], true);
    const pair = isMap(map) ? map.items.find((item) => isNode(item.key) && String((item.key as { value?: unknown }).value) === unknownKey) : undefined;
    if (pair && isNode(pair.key) && pair.key.range) return lines.linePos(pair.key.range[0]).line;
  }
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as unknown[], true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return 1;
}

/**
 * Parses the provisioning file: YAML with a top-level `targets:` list. Every error names its
 * line and field ("targets.yaml line 7, targets[1].kind: must be runbook-api, prometheus or push"),
 * so whoever edits the file can fix it without reading Headroom's code.
 */
export function parseTargetsFile(options: { text: string; fileName: string }): TargetsFileResult {
  const lines = new LineCounter();
  const doc = parseDocument(options.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (line: number) => `${options.fileName} line ${line}`;
  if (doc.errors.length > 0) {
    return { ok: false, errors: doc.errors.map((e) => `${at(e.linePos?.[0].line ?? 1)}: ${e.message.split("\n")[0]}`) };
  }
  const parsed = fileSchema.safeParse(doc.toJS() ?? {});
  if (parsed.success) return { ok: true, targets: parsed.data.targets };
  return {
    ok: false,
    errors: parsed.error.issues.flatMap((issue) => {
      const keys = issue.code === "unrecognized_keys" ? issue.keys : [undefined];
      return keys.map((key) => {
        const path = key === undefined ? issue.path : [...issue.path, key];
        const message = key === undefined ? issue.message : "is not a field Headroom knows (check its spelling)";
        return `${at(lineOf(doc, issue.path, lines, key))}, ${formatPath(path) || "file"}: ${message}`;
      });
    }),
  };
}
