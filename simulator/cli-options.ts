import { parseArgs } from "node:util";
import { z } from "zod";
import { parseDuration } from "@/lib/target-api/duration";
import { describeIssues, durationSchema, scenarioNameSchema } from "@/lib/target-api/schemas";
import type { TargetServerOptions } from "./server";

const portSchema = z.coerce.number().int().min(0).max(65_535, { error: "must be a port number from 0 to 65535" });

const cliSchema = z.object({
  scenario: scenarioNameSchema.default("steady"),
  seed: z.coerce.number().int({ error: "--seed must be an integer" }).default(1),
  speed: z.coerce.number().min(0).max(100_000, { error: "--speed must be from 0 to 100000" }).default(1),
  port: portSchema.optional(),
  TARGET_PORT: portSchema.optional(),
  host: z.string().min(1).default("127.0.0.1"),
  history: durationSchema.default("24h"),
  onset: durationSchema.optional(),
  downtime: durationSchema.default("30s"),
  "peak-hour": z.coerce.number().int().min(0).max(23, { error: "--peak-hour must be an hour from 0 to 23 (UTC)" }).optional(),
  "reply-cache-ms": z.coerce.number().int().min(0).max(60_000, { error: "--reply-cache-ms must be from 0 to 60000" }).default(0),
});

export const usage = `Usage: npm run simulator -- [--scenario steady|leak|spike|large-beliefs|redis-bloat|db-pool-growth|websocket-leak]
       [--seed N] [--speed X] [--port N | TARGET_PORT=N] [--host 127.0.0.1] [--history 24h] [--onset 3h] [--downtime 30s] [--peak-hour 15]
       [--reply-cache-ms 0]`;

/** The simulator's own configuration: command line first, TARGET_PORT from the environment as the fallback port. */
export function parseCliOptions(argv: string[], env: Record<string, string | undefined>): TargetServerOptions {
  const { values } = parseArgs({
    args: argv,
    options: Object.fromEntries(
      ["scenario", "seed", "speed", "port", "host", "history", "onset", "downtime", "peak-hour", "reply-cache-ms"].map((name) => [name, { type: "string" as const }]),
    ),
    strict: true,
  });
  const parsed = cliSchema.safeParse({ ...values, TARGET_PORT: env.TARGET_PORT || undefined });
  if (!parsed.success) throw new Error(`${describeIssues(parsed.error)}\n${usage}`);
  const options = parsed.data;
  return {
    scenario: options.scenario,
    seed: options.seed,
    speed: options.speed,
    port: options.port ?? options.TARGET_PORT ?? 8000,
    host: options.host,
    historyMs: parseDuration(options.history),
    onsetAgoMs: options.onset === undefined ? undefined : parseDuration(options.onset),
    peakHourUtc: options["peak-hour"],
    downtimeMs: parseDuration(options.downtime),
    replyCacheMs: options["reply-cache-ms"],
  };
}
