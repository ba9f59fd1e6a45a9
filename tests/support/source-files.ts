import { readdirSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");

/** Every .ts/.tsx file under `dirs` (relative to the repository root), as root-relative paths with `/`. */
export function listSourceFiles(options: { dirs: readonly string[]; skip?: readonly string[] }): string[] {
  const skip = new Set(options.skip ?? []);
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (skip.has(rel) || entry.name === "node_modules" || entry.name.startsWith(".")) continue;
      if (entry.isDirectory()) walk(rel);
      else if (/\.tsx?$/.test(entry.name)) out.push(rel);
    }
  };
  for (const dir of options.dirs) walk(dir);
  return out.sort();
}
