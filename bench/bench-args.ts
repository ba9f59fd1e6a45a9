import { parseArgs } from "node:util";
import { z } from "zod";

const list = z
  .string()
  .regex(/^\d+(,\d+)*$/, "must be a number or a comma-separated list of numbers")
  .transform((v) => v.split(",").map(Number));

const argsSchema = z.object({
  targets: list.default([200, 1000, 2000]),
  workers: list.default([1, 2, 4]),
  rounds: z.coerce.number().int().min(10).max(10_000).default(200),
  "audit-rows": z.coerce.number().int().min(1_000).max(10_000_000).default(1_000_000),
  "no-build": z.boolean().default(false),
  "soak-minutes": z.coerce.number().int().min(2).max(24 * 60).default(30),
  "warmup-minutes": z.coerce.number().int().min(0).max(24 * 60).default(5),
});

export const BENCH_NAMES = ["build", "ingest", "series", "page", "vs-prometheus", "collect", "audit", "soak"] as const;
export type BenchName = (typeof BENCH_NAMES)[number];

export const benchUsage = `Usage: npm run bench -- [${BENCH_NAMES.join("|")} ...] [--targets 200,1000,2000] [--workers 1,2,4] [--rounds 200] [--audit-rows 1000000] [--no-build] [--soak-minutes 30] [--warmup-minutes 5]`;
// Half an hour of wall time: run only when named.
const ONLY_WHEN_NAMED: readonly BenchName[] = ["soak"];

/** `npm run bench -- collect --targets 2000 --workers 4`: which benches, and the fleet's sizes. */
export function parseBenchArgs(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { targets: { type: "string" }, workers: { type: "string" }, rounds: { type: "string" }, "audit-rows": { type: "string" }, "no-build": { type: "boolean" }, "soak-minutes": { type: "string" }, "warmup-minutes": { type: "string" } },
  });
  const unknown = positionals.filter((p) => !(BENCH_NAMES as readonly string[]).includes(p));
  if (unknown.length > 0) throw new Error(`unknown bench ${unknown.join(", ")}\n${benchUsage}`);
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) throw new Error(`${parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; ")}\n${benchUsage}`);
  if (parsed.data["warmup-minutes"] >= parsed.data["soak-minutes"] - 1) throw new Error(`--warmup-minutes: must leave at least two minutes of the soak after it\n${benchUsage}`);
  const names = positionals as BenchName[];
  return {
    wanted: (name: BenchName) => (names.length === 0 ? !ONLY_WHEN_NAMED.includes(name) : names.includes(name)),
    targets: parsed.data.targets,
    workers: parsed.data.workers,
    rounds: parsed.data.rounds,
    auditRows: parsed.data["audit-rows"],
    noBuild: parsed.data["no-build"],
    soakMinutes: parsed.data["soak-minutes"],
    warmupMinutes: parsed.data["warmup-minutes"],
  };
}
