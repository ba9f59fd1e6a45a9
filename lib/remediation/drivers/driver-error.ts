/** A failure of a remediation driver other than the target API itself (restart command, Redis, configuration). */
export class DriverError extends Error {
  constructor(
    readonly kind: "timeout" | "refused" | "command_failed" | "not_configured" | "redis_error" | "conflict" | "runs_as_root",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "DriverError";
  }
}
