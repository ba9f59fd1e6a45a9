/** A connection URL fit to show or audit: its password, if any, becomes ****. */
export function maskUrlPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "****";
    return parsed.toString();
  } catch {
    return "(invalid URL)";
  }
}

/** A webhook URL fit to audit: scheme and host only; its path and query (a Slack URL's secret) become ****. */
export function maskUrlPath(url: string): string {
  try {
    const parsed = new URL(url);
    const secret = parsed.pathname !== "/" || parsed.search !== "";
    return `${parsed.protocol}//${parsed.host}/${secret ? "****" : ""}`;
  } catch {
    return "(invalid URL)";
  }
}
