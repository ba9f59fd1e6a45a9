import type { ActionDefinition } from "@/lib/remediation/action-catalogue";
import type { CallPreview } from "@/lib/remediation/drivers/call-preview";

/** Exactly what will be called, as text a person can check (and paste into a terminal). */
export function describeCall(definition: ActionDefinition, call: CallPreview, params: Record<string, unknown>): string {
  switch (call.kind) {
    case "http": {
      const body = definition.endpoint.kind === "http" ? definition.endpoint.body?.(params) : undefined;
      return body === undefined
        ? `${call.method} ${call.url}`
        : `${call.method} ${call.url}\nContent-Type: application/json\n\n${JSON.stringify(body, null, 2)}`;
    }
    case "hook":
      return `${call.method} ${call.url}\nContent-Type: application/json\n\n${JSON.stringify(call.body)}\n\nthen wait until a new instance answers`;
    case "command":
      return `${call.argv.map((a) => (/^[\w./:=@-]+$/.test(a) ? a : JSON.stringify(a))).join(" ")}\n(driver "${call.driver}" from the server's configuration, run without a shell as ${call.runAsUser ?? "the console's user"}, then wait until a new instance answers)`;
    case "redis":
      return `on ${call.server}:\nSCAN <cursor> MATCH ${call.pattern} COUNT ${params.batch_size ?? ""}\nUNLINK <the keys of that batch>\n… until the cursor is back to 0 (never KEYS)`;
    case "simulator":
      return `${call.method} ${call.url}\n(demo mode: the simulator's stand-in for the runbook's redis-cli EVAL on ${call.pattern})`;
    case "unavailable":
      return call.reason;
  }
}

export function CallPreviewBlock({ text, unavailable }: { text: string; unavailable: boolean }) {
  return (
    <section aria-label="What will be called" className="mt-3">
      <h3 className="text-xs uppercase tracking-wide text-muted">{unavailable ? "Not available" : "Will call"}</h3>
      <pre data-testid="call-preview" className={`mt-1 overflow-x-auto whitespace-pre-wrap rounded-md border border-edge bg-surface p-2 font-mono text-xs ${unavailable ? "text-crit" : ""}`}>
        {text}
      </pre>
    </section>
  );
}
