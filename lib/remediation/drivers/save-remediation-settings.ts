import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { auditActorOf } from "@/lib/audit/audit-actor";
import type { RequestMeta } from "@/lib/audit/request-meta";
import { redisUrlSchema } from "@/lib/redis/redis-url";
import { maskUrlPassword } from "@/lib/mask-url-password";

// One argument per line: commands run without a shell, so nothing here is ever interpreted.
const argvText = z
  .string()
  .transform((text) => text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean))
  .pipe(z.array(z.string().max(500)).max(50));

export const remediationSettingsInputSchema = z
  .object({
    restartDriver: z.enum(["none", "http", "command"], { error: "choose how the target is restarted" }),
    restartHookUrl: z.preprocess((v) => (v === "" ? undefined : v), z.url({ error: "the hook must be an http(s) URL" }).optional()),
    rollingCommand: argvText.default([]),
    emergencyCommand: argvText.default([]),
    restartTimeoutSeconds: z.coerce.number().int().min(5).max(3600),
    /** Empty keeps the stored URL (it is never shown back with its password). */
    redisUrl: z.preprocess((v) => (v === "" ? undefined : v), redisUrlSchema.optional()),
    clearRedisUrl: z.preprocess((v) => v === "on" || v === true, z.boolean()).default(false),
    redisKeyPattern: z.string().trim().min(1).max(200).default("exp:*"),
  })
  .superRefine((v, ctx) => {
    if (v.restartDriver === "http" && !v.restartHookUrl) ctx.addIssue({ code: "custom", path: ["restartHookUrl"], message: "an HTTP restart needs the hook URL" });
    if (v.restartDriver === "command" && (v.rollingCommand.length === 0 || v.emergencyCommand.length === 0)) {
      ctx.addIssue({ code: "custom", path: ["rollingCommand"], message: "a command restart needs both commands, one argument per line" });
    }
  });

export type RemediationSettingsInput = z.output<typeof remediationSettingsInputSchema>;

/** Stores how a target is restarted and which Redis is cleaned, with its audit row, in one transaction. */
export async function saveRemediationSettings(options: {
  targetId: number;
  input: RemediationSettingsInput;
  actor: { id: number; email: string; role: string };
  meta?: RequestMeta | null;
}): Promise<void> {
  const { input } = options;
  await db.$transaction(async (tx) => {
    const before = await tx.remediationSettings.findUnique({ where: { targetId: options.targetId } });
    const redisUrl = input.clearRedisUrl ? null : (input.redisUrl ?? before?.redisUrl ?? null);
    const data = {
      restartDriver: input.restartDriver,
      restartHookUrl: input.restartDriver === "http" ? input.restartHookUrl! : null,
      rollingCommand: input.restartDriver === "command" ? input.rollingCommand : undefined,
      emergencyCommand: input.restartDriver === "command" ? input.emergencyCommand : undefined,
      restartTimeoutSeconds: input.restartTimeoutSeconds,
      redisUrl,
      redisKeyPattern: input.redisKeyPattern,
      updatedAt: new Date(),
    };
    await tx.remediationSettings.upsert({ where: { targetId: options.targetId }, create: { targetId: options.targetId, ...data }, update: data });
    const target = await tx.target.findUniqueOrThrow({ where: { id: options.targetId }, select: { slug: true } });
    await appendAuditEvent(
      tx,
      {
        type: "target.changed",
        outcome: "ok",
        actor: auditActorOf(options.actor),
        target: { id: options.targetId, slug: target.slug },
        // The Redis password never reaches the audit trail.
        parameters: { remediation: { ...data, redisUrl: redisUrl ? maskUrlPassword(redisUrl) : null, updatedAt: undefined } },
      },
      { meta: options.meta },
    );
  });
}
