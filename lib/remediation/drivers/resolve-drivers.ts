import type { CommandDriver, CommandDriverConfig } from "@/lib/remediation/drivers/command-drivers-file";

/** How a target is restarted: its HTTP hook, or a command driver from the server's configuration. */
export type RestartDriver =
  | { kind: "http"; url: string }
  | ({ kind: "command" } & Pick<CommandDriver, "name" | "rolling" | "emergency" | "runAsUser" | "cwd" | "env">);
/** How its Redis is cleaned: SCAN + UNLINK against a real server, or the demo simulator's stand-in. */
export type RedisDriver = { kind: "redis"; url: string; pattern: string } | { kind: "simulator"; url: string; pattern: string };

export type Drivers = {
  restart: RestartDriver | null;
  /** Why a restart driver the settings name cannot be used, in words for the person who asked. */
  restartUnavailable: string | null;
  redis: RedisDriver | null;
  restartTimeoutMs: number;
};

export type SettingsRow = {
  restartDriver: string;
  restartHookUrl: string | null;
  commandDriver: string | null;
  restartTimeoutSeconds: number;
  redisUrl: string | null;
  redisKeyPattern: string;
} | null;

/**
 * The drivers a target's settings configure. Without settings nothing is configured, except in
 * demo mode, where the simulator's own restart hook and Redis cleanup stand in. A command driver
 * is looked up by name in the server's configuration: what runs is only ever what the operator wrote.
 */
export function resolveDrivers(options: { baseUrl: string; settings: SettingsRow; demo: boolean; commandDrivers: CommandDriverConfig }): Drivers {
  const { settings, demo } = options;
  const base = options.baseUrl.replace(/\/+$/, "");
  let restartTimeoutMs = (settings?.restartTimeoutSeconds ?? 120) * 1000;
  let restart: RestartDriver | null = null;
  let restartUnavailable: string | null = null;
  if (settings?.restartDriver === "http" && settings.restartHookUrl) restart = { kind: "http", url: settings.restartHookUrl };
  else if (settings?.restartDriver === "command") {
    const config = options.commandDrivers;
    const driver = config.ok ? config.drivers.find((d) => d.name === settings.commandDriver) : undefined;
    if (!config.ok) restartUnavailable = `The restart drivers file is not usable, so no command runs: ${config.message}`;
    else if (!settings.commandDriver) restartUnavailable = "This target's restart command predates server-configured drivers and is no longer run: an admin picks a driver from HEADROOM_RESTART_DRIVERS_FILE in its remediation settings.";
    else if (!driver) restartUnavailable = `The restart driver "${settings.commandDriver}" is not in HEADROOM_RESTART_DRIVERS_FILE (any more): an admin picks a configured one.`;
    else {
      restart = { kind: "command", name: driver.name, rolling: driver.rolling, emergency: driver.emergency, runAsUser: driver.runAsUser, cwd: driver.cwd, env: driver.env };
      restartTimeoutMs = driver.timeoutSeconds * 1000;
    }
  } else if (!settings && demo) restart = { kind: "http", url: `${base}/_control/restart` };
  const pattern = settings?.redisKeyPattern ?? "exp:*";
  const redis: RedisDriver | null = settings?.redisUrl
    ? { kind: "redis", url: settings.redisUrl, pattern }
    : demo
      ? { kind: "simulator", url: `${base}/_control/redis/clean-expired`, pattern }
      : null;
  return { restart, restartUnavailable, redis, restartTimeoutMs };
}
