import { z } from "zod";

/** How a target is restarted: its HTTP hook, or a command run without a shell. */
export type RestartDriver = { kind: "http"; url: string } | { kind: "command"; rolling: string[]; emergency: string[] };
/** How its Redis is cleaned: SCAN + UNLINK against a real server, or the demo simulator's stand-in. */
export type RedisDriver = { kind: "redis"; url: string; pattern: string } | { kind: "simulator"; url: string; pattern: string };

export type Drivers = { restart: RestartDriver | null; redis: RedisDriver | null; restartTimeoutMs: number };

export type SettingsRow = {
  restartDriver: string;
  restartHookUrl: string | null;
  rollingCommand: unknown;
  emergencyCommand: unknown;
  restartTimeoutSeconds: number;
  redisUrl: string | null;
  redisKeyPattern: string;
} | null;

const argvSchema = z.array(z.string().min(1)).min(1);

/**
 * The drivers a target's settings configure. Without settings nothing is configured, except in
 * demo mode, where the simulator's own restart hook and Redis cleanup stand in.
 */
export function resolveDrivers(options: { baseUrl: string; settings: SettingsRow; demo: boolean }): Drivers {
  const { settings, demo } = options;
  const base = options.baseUrl.replace(/\/+$/, "");
  const restartTimeoutMs = (settings?.restartTimeoutSeconds ?? 120) * 1000;
  let restart: RestartDriver | null = null;
  if (settings?.restartDriver === "http" && settings.restartHookUrl) restart = { kind: "http", url: settings.restartHookUrl };
  else if (settings?.restartDriver === "command") {
    const rolling = argvSchema.safeParse(settings.rollingCommand);
    const emergency = argvSchema.safeParse(settings.emergencyCommand);
    if (rolling.success && emergency.success) restart = { kind: "command", rolling: rolling.data, emergency: emergency.data };
  } else if (!settings && demo) restart = { kind: "http", url: `${base}/_control/restart` };
  const pattern = settings?.redisKeyPattern ?? "exp:*";
  const redis: RedisDriver | null = settings?.redisUrl
    ? { kind: "redis", url: settings.redisUrl, pattern }
    : demo
      ? { kind: "simulator", url: `${base}/_control/redis/clean-expired`, pattern }
      : null;
  return { restart, redis, restartTimeoutMs };
}
