import { z } from "zod";
import { parseAllowlist } from "@/lib/net/outbound-allowlist";
import { parseProxyEntry } from "@/lib/http/client-address";

// Every setting Headroom reads, parsed once. Bad configuration stops the process with a
// message naming the variable; a missing auth setting never falls back to "no auth".
const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);
const flag = z
  .enum(["1", "0", "true", "false"])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === "1" || v === "true"));

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection URL")
    .optional(),
  HEADROOM_DATA_DIR: z.string().min(1).default(".data"),
  HEADROOM_PG_PORT: port(54329),
  HEADROOM_DEMO: flag,
  /** Delete the data directory when `npm start` stops (for test runs). */
  HEADROOM_EPHEMERAL_DATA: flag,
  PORT: port(3000),
  TARGET_PORT: port(8000),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)").optional(),
  NEXTAUTH_URL: z.url().optional(),
  /**
   * Reverse proxies whose `X-Forwarded-For` is believed: IPs or CIDRs, separated by commas or
   * spaces. Unset: none, and the audit records the socket's peer address.
   */
  HEADROOM_TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((text) => text.split(/[\s,]+/).filter(Boolean))
    .superRefine((entries, ctx) => {
      for (const entry of entries) {
        if (!parseProxyEntry(entry)) ctx.addIssue({ code: "custom", message: `"${entry}" is not an IP address or CIDR (such as 10.0.0.5 or 10.0.0.0/8)` });
      }
    }),
  DEMO_PASSWORD: z.string().min(8, "must be at least 8 characters").optional(),
  /** The demo simulators' busiest traffic hour (UTC); tests pin it to "now" so their leak climbs. */
  DEMO_PEAK_HOUR_UTC: z.coerce.number().int().min(0).max(23).optional(),
  WORKER_TICK_MS: z.coerce.number().int().min(100).max(600_000).default(1000),
  /** History a new demo target is backfilled with on its first scrape (0: none). */
  DEMO_BACKFILL_HOURS: z.coerce.number().int().min(0).max(720).default(24),
  /** Scrape interval of the demo targets when first seeded (the fault suite scrapes every 5 s). */
  DEMO_SCRAPE_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  /** Samples one worker keeps in memory while the database is unreachable; the oldest go first. */
  COLLECTOR_BUFFER_MAX_SAMPLES: z.coerce.number().int().min(1000).max(10_000_000).default(200_000),
  /** npm start gives up on a process (and stops everything) after this many crashes in the window. */
  HEADROOM_MAX_CRASHES: z.coerce.number().int().min(1).max(1000).default(5),
  HEADROOM_CRASH_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  // Alerting (docs/decisions/0005-alert-persistence-and-incidents.md).
  ALERT_EVALUATION_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  /** Overrides the default rules' `for` (5 min); meant for tests and demos, not production. */
  ALERT_FOR_SECONDS: z.coerce.number().int().min(0).max(86_400).optional(),
  INCIDENT_RESOLVE_GRACE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  NOTIFICATION_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(6),
  NOTIFICATION_BACKOFF_SECONDS: z.coerce.number().min(0.1).max(3600).default(10),
  NOTIFICATION_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  // Remediation (docs/decisions/0006-remediation-and-approvals.md).
  /** How long a lead has to approve a destructive request before it expires. */
  REMEDIATION_APPROVAL_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
  /** Timeout of each call to a target's remediation endpoint. */
  REMEDIATION_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
  /** JSON file of named restart commands (lib/remediation/drivers/command-drivers-file.ts); targets pick one by name. */
  HEADROOM_RESTART_DRIVERS_FILE: z.string().min(1).optional(),
  /** CIDRs and hosts that target URLs, restart hooks and webhooks must fall in; unset: anything reachable. */
  HEADROOM_OUTBOUND_ALLOWLIST: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return undefined;
      try {
        return parseAllowlist(text);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    }),
  // The audit chain (docs/decisions/0011-keyed-anchored-audit-chain.md).
  /** Keys every audit row's hash (HMAC-SHA-256); kept outside the database. Generated in demo mode. */
  HEADROOM_AUDIT_KEY: z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)").optional(),
  /** Where the worker writes the chain's head (a file outside the database) and the audit page checks it. */
  HEADROOM_AUDIT_ANCHOR_FILE: z.string().min(1).optional(),
  AUDIT_ANCHOR_INTERVAL_SECONDS: z.coerce.number().int().min(5).max(86_400).default(60),
  // How often the worker walks the whole audit chain again (the audit page checks only new rows).
  AUDIT_FULL_VERIFY_INTERVAL_HOURS: z.coerce.number().min(0.01).max(720).default(24),
  // Real services (docs/decisions/0016, 0017).
  /** A YAML file of targets, applied by the worker at start, on SIGHUP and when it changes. */
  HEADROOM_TARGETS_FILE: z.string().min(1).optional(),
  /** Bearer token that lets a non-loopback client read GET /metrics (web) and the worker's metrics. */
  HEADROOM_METRICS_TOKEN: z.string().min(16, "must be at least 16 characters (openssl rand -hex 16)").optional(),
  /** The worker serves its own /metrics on this port (all interfaces; loopback or the token). */
  HEADROOM_WORKER_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  // Sign-in through OpenID Connect, alongside email and password: all three or none.
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** The ID-token/userinfo claim holding the role (a role name, or a list of them). */
  OIDC_ROLE_CLAIM: z.string().min(1).default("headroom_role"),
  /** Button label on the sign-in page. */
  OIDC_NAME: z.string().min(1).default("Single sign-on"),
});

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings come from `FOO= npm start`; treat them as unset rather than invalid.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const oidc = [result.data.OIDC_ISSUER, result.data.OIDC_CLIENT_ID, result.data.OIDC_CLIENT_SECRET];
  if (oidc.some((v) => v !== undefined) && oidc.some((v) => v === undefined)) {
    // Half an OIDC configuration is a mistake, not a reason to sign people in some other way.
    throw new ConfigError("Invalid configuration:\n  OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together");
  }
  return result.data;
}

export type OidcConfig = { issuer: string; clientId: string; clientSecret: string; roleClaim: string; name: string };

/** The OpenID Connect provider configuration, or null when sign-in is by email and password only. */
export function oidcConfig(): OidcConfig | null {
  const e = env();
  if (!e.OIDC_ISSUER || !e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET) return null;
  return { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET, roleClaim: e.OIDC_ROLE_CLAIM, name: e.OIDC_NAME };
}

/** Demo mode: nothing configured, so the embedded database, demo users and demo target run. */
export function isDemoMode(env: Env): boolean {
  return env.HEADROOM_DEMO ?? env.DATABASE_URL === undefined;
}

let cached: Env | undefined;

/** Parsed lazily so that `next build` can load route modules without a configured database. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Whether an environment variable's name says it holds a secret. */
export const isSecretName = (name: string) => /SECRET|PASSWORD|PASSWD|TOKEN|CREDENTIAL|PRIVATE|API_?KEY|_KEY$/i.test(name);

/**
 * Every secret the console holds in its environment — variables named like secrets, and the
 * password of any URL-valued variable (DATABASE_URL's, for one) — so that output shown to people
 * can be scrubbed of them. Read from the live environment: a secret added later is covered too.
 */
export function secretEnvValues(): string[] {
  const values = new Set<string>();
  for (const [name, value] of Object.entries(process.env)) {
    if (!value) continue;
    if (isSecretName(name)) values.add(value);
    const password = /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:([^@\s/]+)@/i.exec(value)?.[1];
    if (password) {
      values.add(value);
      values.add(password);
      values.add(decodeURIComponentSafe(password));
    }
  }
  return [...values];
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function requireDatabaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) throw new ConfigError("DATABASE_URL is not set (npm start sets it for the embedded database)");
  return url;
}

/** The audit chain's key: an audit row is never written unkeyed, so nothing is written without it. */
export function requireAuditKey(): string {
  const key = env().HEADROOM_AUDIT_KEY;
  if (!key) throw new ConfigError("HEADROOM_AUDIT_KEY is not set: audit rows are keyed with it (npm start generates one in demo mode; openssl rand -base64 32)");
  return key;
}

/** The console is served over https: cookies are `Secure` and HSTS is sent. */
export function publicUrlIsHttps(e: Env = env()): boolean {
  return e.NEXTAUTH_URL?.startsWith("https://") ?? false;
}

export function requireAuthSecret(): string {
  const secret = env().NEXTAUTH_SECRET;
  if (!secret) throw new ConfigError("NEXTAUTH_SECRET is not set: sign-in cannot work without it");
  return secret;
}
