import { isSecretName, secretEnvValues } from "@/lib/env";

/** How much of a command's output people see: its end, where the error usually is. */
export const OUTPUT_TAIL_BYTES = 2048;
const MASK = "****";
// Shorter values (a "1", a "true") would mask ordinary words rather than protect anything.
const MIN_SECRET_LENGTH = 6;

/**
 * Output as it may be stored and shown: every known secret value masked, then URL passwords,
 * bearer tokens, Headroom ingest tokens and `…PASSWORD=…`-style assignments, whoever printed them.
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  // Longest first, so a secret that contains another is masked whole.
  for (const secret of [...new Set(secrets)].filter((s) => s.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length)) {
    out = out.split(secret).join(MASK);
  }
  return out
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:)[^\s@/]+@/gi, `$1${MASK}@`)
    .replace(/\b(Bearer|Basic|Token)(\s+)[A-Za-z0-9._~+/=-]{6,}/gi, `$1$2${MASK}`)
    .replace(/\bhr_[A-Za-z0-9_-]{8,}/g, `hr_${MASK}`)
    .replace(/\b([A-Za-z0-9_]*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY)[A-Za-z0-9_]*\s*[=:]\s*)("[^"]*"|'[^']*'|\S+)/gi, `$1${MASK}`);
}

/** The last `maxBytes` of the scrubbed text, marked as cut when it was longer. */
export function boundOutput(text: string, maxBytes = OUTPUT_TAIL_BYTES): string {
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length <= maxBytes) return text;
  // Cutting inside a multi-byte character leaves a replacement character at the start; drop it.
  const tail = bytes.subarray(bytes.length - maxBytes).toString("utf8").replace(/^\uFFFD+/, "");
  return `…${tail}`;
}

/** Scrubbed first, then cut: a secret split by the cut is never half shown. */
export function presentOutput(text: string, secrets: readonly string[], maxBytes = OUTPUT_TAIL_BYTES): string {
  return boundOutput(scrubSecrets(text.trim(), secrets), maxBytes);
}

/** What a driver's output and argv are scrubbed of: the console's secrets and the driver's own secret-named variables. */
export function driverSecrets(driverEnv: Record<string, string>): string[] {
  return [...secretEnvValues(), ...Object.entries(driverEnv).filter(([name]) => isSecretName(name)).map(([, value]) => value)];
}
