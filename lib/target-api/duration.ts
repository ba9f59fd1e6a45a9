const unitMs = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

export const durationPattern = /^([1-9]\d{0,6})(s|m|h|d)$/;

/** Parses the runbook's duration notation ("90s", "5m", "1h", "7d") into milliseconds. */
export function parseDuration(text: string): number {
  const match = durationPattern.exec(text);
  if (!match) throw new Error(`"${text}" is not a duration such as 90s, 5m, 1h or 7d`);
  return Number(match[1]) * unitMs[match[2] as keyof typeof unitMs];
}
