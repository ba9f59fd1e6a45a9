/** A FormData as a browser's form would post it. */
export function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

/** The thresholds form of the alerting page: SEV-2 at `sev2` %, SEV-1 at 95 %, both for 5 min. */
export function rulesForm(slug: string, expectedVersion: number, sev2 = 80): FormData {
  return form({ slug, expectedVersion: String(expectedVersion), sev2_threshold: String(sev2), sev2_for: "300", sev1_threshold: "95", sev1_for: "300", comment: "tighter" });
}
