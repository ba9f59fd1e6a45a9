import { readFileSync } from "node:fs";
import { z } from "zod";
import { ConfigError, env } from "@/lib/env";

// Restart commands are the host operator's to define, never an admin's to type: they live in a
// JSON file named by HEADROOM_RESTART_DRIVERS_FILE, and target settings pick one by name.
// No server-only import: the supervisor checks the file before it starts anything.

const argvSchema = z.array(z.string().min(1, "an argument must not be empty").max(4096)).min(1, "needs at least the program").max(100);

export const commandDriverSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,62}$/, "must be lower-case letters, digits, '.', '_' or '-' (at most 63)"),
  description: z.string().max(300).optional(),
  /** argv arrays, run without a shell. */
  rolling: argvSchema,
  emergency: argvSchema,
  /** The whole restart (the command, then the wait for a new instance) ends after this long. */
  timeout_seconds: z.int().min(5).max(3600).default(120),
  /** The command never runs as root: it drops to this user (required when the console runs as root). */
  run_as_user: z.string().regex(/^[a-z_][a-z0-9_-]{0,31}$/, "must be a user name from the passwd database").optional(),
  cwd: z.string().startsWith("/", "must be an absolute path").optional(),
  /** The only variables the command gets besides PATH, HOME, LANG and Headroom's own HEADROOM_*. */
  env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "variable names are [A-Za-z_][A-Za-z0-9_]*"), z.string().max(4096)).default({}),
});

const driversFileSchema = z
  .strictObject({ drivers: z.array(commandDriverSchema).max(100) })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.drivers.forEach((driver, index) => {
      if (seen.has(driver.name)) ctx.addIssue({ code: "custom", path: ["drivers", index, "name"], message: `"${driver.name}" is defined twice` });
      seen.add(driver.name);
    });
  });

export type CommandDriver = {
  name: string;
  description: string | null;
  rolling: string[];
  emergency: string[];
  timeoutSeconds: number;
  runAsUser: string | null;
  cwd: string | null;
  env: Record<string, string>;
};

export type CommandDriverConfig = { ok: true; drivers: CommandDriver[] } | { ok: false; message: string };

const VARIABLE = "HEADROOM_RESTART_DRIVERS_FILE";

/** Parses the drivers file; a bad one is refused with the file and the field named. */
export function parseCommandDrivers(text: string, file: string): CommandDriver[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`Invalid configuration:\n  ${VARIABLE} (${file}): not valid JSON (${(error as Error).message})`);
  }
  const parsed = driversFileSchema.safeParse(data);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${VARIABLE} (${file}): ${issue.path.join(".") || "file"}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data.drivers.map((d) => ({
    name: d.name,
    description: d.description ?? null,
    rolling: d.rolling,
    emergency: d.emergency,
    timeoutSeconds: d.timeout_seconds,
    runAsUser: d.run_as_user ?? null,
    cwd: d.cwd ?? null,
    env: d.env,
  }));
}

/**
 * The configured command drivers, read from the file each time (it is small, and an operator's
 * edit applies without a restart). Unset: none. Unreadable or invalid: the reason, so that a
 * restart through it fails in those words rather than running something else.
 */
export function readCommandDrivers(file: string | undefined): CommandDriverConfig {
  if (!file) return { ok: true, drivers: [] };
  try {
    return { ok: true, drivers: parseCommandDrivers(readFileSync(file, "utf8"), file) };
  } catch (error) {
    if (error instanceof ConfigError) return { ok: false, message: error.message.replace(/^Invalid configuration:\n\s*/, "") };
    return { ok: false, message: `${VARIABLE} (${file}) cannot be read: ${(error as Error).message}` };
  }
}

/** The drivers HEADROOM_RESTART_DRIVERS_FILE configures, as every caller in the console reads them. */
export function configuredCommandDrivers(): CommandDriverConfig {
  return readCommandDrivers(env().HEADROOM_RESTART_DRIVERS_FILE);
}
