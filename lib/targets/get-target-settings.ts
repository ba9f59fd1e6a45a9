import "server-only";
import { db } from "@/lib/db";
import { listIngestTokens } from "@/lib/ingest/ingest-tokens";
import { maskUrlPassword } from "@/lib/mask-url-password";
import { configuredCommandDrivers } from "@/lib/remediation/drivers/command-drivers-file";

/** A target's auto-remediation policy as the settings form shows and edits it. */
export type AutoRemediationPolicyView = {
  enabled: boolean;
  threshold: number;
  recheckSeconds: number;
  cooldownSeconds: number;
  escalateTo: "rolling-restart" | "none";
  lastRunAt: string | null;
  runState: string | null;
};

export type TargetSettings = {
  target: {
    id: number;
    slug: string;
    name: string;
    baseUrl: string;
    memoryLimitMb: number;
    scrapeIntervalSeconds: number;
    enabled: boolean;
    /** With its password as `****`: the stored URL never reaches the page. */
    maskedDiagnosticsDatabaseUrl: string | null;
    kind: string;
    preset: string | null;
    usedMetric: string | null;
    limitMetric: string | null;
    matchLabels: Record<string, string>;
    configuredMemoryLimitMb: number | null;
    /** "configured" | "reported" | "default" */
    memoryLimitSource: string;
    /** The provisioning file that owns it, or null when it is managed here. */
    provisionedFrom: string | null;
  };
  /** Without stored settings: the table's defaults, `configured: false`. The Redis password is never included. */
  remediation: {
    configured: boolean;
    restartDriver: "none" | "http" | "command";
    restartHookUrl: string | null;
    /** The configured driver this target restarts with (by name), and the drivers it may pick from. */
    commandDriver: string | null;
    commandDrivers: CommandDriverChoice[];
    /** Why the server's drivers file cannot be used, when it cannot. */
    commandDriversProblem: string | null;
    restartTimeoutSeconds: number;
    maskedRedisUrl: string | null;
    redisKeyPattern: string;
  };
  /** Null until an admin first saves the target's policy. */
  autoRemediation: AutoRemediationPolicyView | null;
  tokens: { id: number; name: string; tokenPrefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null }[];
};

/** A driver as the settings form offers it; its environment (which may hold tokens) stays on the server. */
export type CommandDriverChoice = { name: string; description: string | null; rolling: string[]; emergency: string[]; runAsUser: string | null; timeoutSeconds: number };

const RESTART_DRIVERS = ["none", "http", "command"] as const;

/** Everything the target settings page shows, or null for an unknown slug. Callers check `manage:targets`. */
export async function getTargetSettings(options: { slug: string }): Promise<TargetSettings | null> {
  const target = await db.target.findUnique({
    where: { slug: options.slug },
    select: {
      id: true, slug: true, name: true, baseUrl: true, memoryLimitMb: true, scrapeIntervalSeconds: true, enabled: true, diagnosticsDatabaseUrl: true,
      kind: true, preset: true, usedMetric: true, limitMetric: true, matchLabels: true, configuredMemoryLimitMb: true, memoryLimitSource: true, provisionedFrom: true,
    },
  });
  if (!target) return null;
  const [tokens, remediation, policy] = await Promise.all([
    listIngestTokens({ targetId: target.id }),
    db.remediationSettings.findUnique({ where: { targetId: target.id } }),
    db.autoRemediationPolicy.findUnique({ where: { targetId: target.id } }),
  ]);
  const drivers = configuredCommandDrivers();
  const driver = RESTART_DRIVERS.find((d) => d === remediation?.restartDriver) ?? "none";
  const { diagnosticsDatabaseUrl, ...collection } = target;
  return {
    target: {
      ...collection,
      matchLabels: (collection.matchLabels ?? {}) as Record<string, string>,
      maskedDiagnosticsDatabaseUrl: diagnosticsDatabaseUrl ? maskUrlPassword(diagnosticsDatabaseUrl) : null,
    },
    remediation: {
      configured: remediation !== null,
      restartDriver: driver,
      restartHookUrl: remediation?.restartHookUrl ?? null,
      commandDriver: remediation?.commandDriver ?? null,
      commandDrivers: drivers.ok ? drivers.drivers.map(({ name, description, rolling, emergency, runAsUser, timeoutSeconds }) => ({ name, description, rolling, emergency, runAsUser, timeoutSeconds })) : [],
      commandDriversProblem: drivers.ok ? null : drivers.message,
      restartTimeoutSeconds: remediation?.restartTimeoutSeconds ?? 120,
      maskedRedisUrl: remediation?.redisUrl ? maskUrlPassword(remediation.redisUrl) : null,
      redisKeyPattern: remediation?.redisKeyPattern ?? "exp:*",
    },
    autoRemediation: policy
      ? {
          enabled: policy.enabled,
          threshold: policy.threshold,
          recheckSeconds: policy.recheckSeconds,
          cooldownSeconds: policy.cooldownSeconds,
          escalateTo: policy.escalateTo === "none" ? "none" : "rolling-restart",
          lastRunAt: policy.lastRunAt?.toISOString() ?? null,
          runState: policy.runState,
        }
      : null,
    tokens: tokens.map((t) => ({
      ...t,
      createdAt: t.createdAt.toISOString(),
      lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
      revokedAt: t.revokedAt?.toISOString() ?? null,
    })),
  };
}
