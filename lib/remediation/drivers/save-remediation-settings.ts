import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { appendTargetChange, type TargetChange } from "@/lib/audit/append-target-change";
import { redisUrlSchema } from "@/lib/redis/redis-url";
import { maskUrlPassword } from "@/lib/mask-url-password";
import { AppError } from "@/lib/errors";
import { assertOutboundAllowed } from "@/lib/net/check-outbound-url";
import { configuredCommandDrivers } from "@/lib/remediation/drivers/command-drivers-file";

const optional = (value: unknown) => (value === "" ? undefined : value);
const NO_TYPED_COMMANDS = "restart commands come from the server's configuration (HEADROOM_RESTART_DRIVERS_FILE): pick a driver by name";

export const remediationSettingsInputSchema = z
  .object({
    restartDriver: z.enum(["none", "http", "command"], { error: "choose how the target is restarted" }),
    restartHookUrl: z.preprocess(optional, z.url({ protocol: /^https?$/, error: "the hook must be an http(s) URL" }).max(2000).optional()),
    /** The name of a driver in the server's drivers file; what it runs is the file's, never the form's. */
    commandDriver: z.preprocess(optional, z.string().trim().max(63).optional()),
    // An argv typed in a form is never stored or run, whatever a client sends.
    rollingCommand: z.never({ error: NO_TYPED_COMMANDS }).optional(),
    emergencyCommand: z.never({ error: NO_TYPED_COMMANDS }).optional(),
    /** HTTP hooks only: a command driver's limit is its timeout_seconds in the drivers file. */
    restartTimeoutSeconds: z.coerce.number().int().min(5).max(3600).default(120),
    /** Empty keeps the stored URL (it is never shown back with its password). */
    redisUrl: z.preprocess(optional, redisUrlSchema.optional()),
    clearRedisUrl: z.preprocess((v) => v === "on" || v === true, z.boolean()).default(false),
    redisKeyPattern: z.string().trim().min(1).max(200).default("exp:*"),
  })
  .superRefine((v, ctx) => {
    if (v.restartDriver === "http" && !v.restartHookUrl) ctx.addIssue({ code: "custom", path: ["restartHookUrl"], message: "an HTTP restart needs the hook URL" });
    if (v.restartDriver === "command" && !v.commandDriver) {
      ctx.addIssue({ code: "custom", path: ["commandDriver"], message: "a command restart needs one of the drivers configured on the server" });
    }
  });

export type RemediationSettingsInput = z.output<typeof remediationSettingsInputSchema>;

/** Stores how a target is restarted and which Redis is cleaned, with its audit row, in one transaction. */
export async function saveRemediationSettings(options: TargetChange<RemediationSettingsInput>): Promise<void> {
  const { input } = options;
  if (input.restartDriver === "command") assertConfiguredDriver(input.commandDriver!);
  if (input.restartDriver === "http") await assertOutboundAllowed({ url: input.restartHookUrl!, field: "restartHookUrl" });
  await db.$transaction(async (tx) => {
    const before = await tx.remediationSettings.findUnique({ where: { targetId: options.targetId } });
    const redisUrl = input.clearRedisUrl ? null : (input.redisUrl ?? before?.redisUrl ?? null);
    const data = {
      restartDriver: input.restartDriver,
      restartHookUrl: input.restartDriver === "http" ? input.restartHookUrl! : null,
      commandDriver: input.restartDriver === "command" ? input.commandDriver! : null,
      restartTimeoutSeconds: input.restartTimeoutSeconds,
      redisUrl,
      redisKeyPattern: input.redisKeyPattern,
      updatedAt: new Date(),
    };
    await tx.remediationSettings.upsert({ where: { targetId: options.targetId }, create: { targetId: options.targetId, ...data }, update: data });
    // The Redis password never reaches the audit trail.
    const parameters = { remediation: { ...data, redisUrl: redisUrl ? maskUrlPassword(redisUrl) : null, updatedAt: undefined } };
    await appendTargetChange(tx, { type: "target.changed", targetId: options.targetId, actor: options.actor, parameters }, { meta: options.meta });
  });
}

/** A command driver is stored by name only when the server's drivers file defines it now. */
function assertConfiguredDriver(name: string): void {
  const config = configuredCommandDrivers();
  const refuse = (message: string) => new AppError("INVALID_INPUT", `commandDriver: ${message}`, { fieldErrors: { commandDriver: message } });
  if (!config.ok) throw refuse(config.message);
  if (!config.drivers.some((d) => d.name === name)) {
    const known = config.drivers.map((d) => d.name).join(", ") || "none";
    throw refuse(`no driver named "${name}" in HEADROOM_RESTART_DRIVERS_FILE (configured: ${known})`);
  }
}
