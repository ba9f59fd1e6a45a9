import type { ActionDefinition } from "@/lib/remediation/action-catalogue";
import { maskUrlPassword } from "@/lib/mask-url-password";
import type { Drivers } from "@/lib/remediation/drivers/resolve-drivers";
import { driverSecrets, scrubSecrets } from "@/lib/remediation/drivers/scrub-output";

/** Exactly what an action will call, as the confirmation dialog shows it (the body comes from the form). */
export type CallPreview =
  | { kind: "http"; method: string; url: string }
  | { kind: "hook"; method: "POST"; url: string; body: unknown }
  | { kind: "command"; driver: string; argv: string[]; runAsUser: string | null }
  | { kind: "redis"; server: string; pattern: string }
  | { kind: "simulator"; method: "POST"; url: string; pattern: string }
  | { kind: "unavailable"; reason: string };

export function previewCall(definition: ActionDefinition, baseUrl: string, drivers: Drivers): CallPreview {
  const endpoint = definition.endpoint;
  const base = baseUrl.replace(/\/+$/, "");
  if (endpoint.kind === "http") return { kind: "http", method: endpoint.method, url: `${base}${endpoint.path}` };
  if (endpoint.kind === "restart") {
    const driver = drivers.restart;
    if (!driver) return { kind: "unavailable", reason: drivers.restartUnavailable ?? "No restart driver is configured for this target (an admin sets an HTTP hook or picks a configured command driver)." };
    if (driver.kind === "http") return { kind: "hook", method: "POST", url: driver.url, body: { mode: endpoint.mode } };
    // Viewers see this: the argv is scrubbed as the command's output is.
    const secrets = driverSecrets(driver.env);
    const argv = (endpoint.mode === "rolling" ? driver.rolling : driver.emergency).map((arg) => scrubSecrets(arg, secrets));
    return { kind: "command", driver: driver.name, argv, runAsUser: driver.runAsUser };
  }
  const redis = drivers.redis;
  if (!redis) return { kind: "unavailable", reason: "No Redis is configured for this target (an admin sets its Redis URL)." };
  if (redis.kind === "simulator") return { kind: "simulator", method: "POST", url: redis.url, pattern: redis.pattern };
  return { kind: "redis", server: maskUrlPassword(redis.url), pattern: redis.pattern };
}
