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
