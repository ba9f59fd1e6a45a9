import type { ActionResult } from "@/lib/actions/action-result";

/** The outcome of a form's server action, announced politely (not role="alert": Next uses that). */
export function ActionMessage({ result, testId }: { result: ActionResult | null; testId?: string }) {
  if (!result) return null;
  return (
    <p
      role="status"
      data-testid={testId}
      className={`rounded-md border px-3 py-2 text-sm ${result.ok ? "border-ok/50 bg-ok/10 text-ok" : "border-crit/50 bg-crit/10 text-crit"}`}
    >
      {result.ok ? "✓ " : "⚠ "}
      {result.message}
    </p>
  );
}
