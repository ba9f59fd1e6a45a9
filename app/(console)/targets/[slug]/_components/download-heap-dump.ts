import type { ActionOutcome, ActionView } from "@/lib/remediation/action-view";

/**
 * Takes the heap dump through the console's route and hands it to the browser as a file. The
 * answer arrives as a stream; its size and SHA-256 are recorded on the server as it passes.
 */
export async function downloadHeapDump(options: { slug: string; idempotencyKey: string }): Promise<ActionOutcome> {
  const response = await fetch(`/api/console/targets/${options.slug}/heap-dump`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ idempotencyKey: options.idempotencyKey }),
  }).catch((error: Error) => error);
  if (response instanceof Error) return { ok: false, code: "NETWORK", message: `The console did not answer: ${response.message}` };
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { message?: string; action?: ActionView } | null;
    return { ok: false, code: String(response.status), message: body?.message ?? `HTTP ${response.status}`, ...(body?.action ? { action: body.action } : {}) };
  }
  const filename = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? "memory_dump.json";
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  const id = Number(response.headers.get("x-remediation-id"));
  const record = await fetch(`/api/console/targets/${options.slug}/actions`, { cache: "no-store" })
    .then((r) => r.json() as Promise<{ recent: ActionView[] }>)
    .then((data) => data.recent.find((a) => a.id === id))
    .catch(() => undefined);
  if (!record) return { ok: false, code: "UNKNOWN", message: `Downloaded ${filename} (${(blob.size / 1024 / 1024).toFixed(1)} MB); its record is not visible yet.` };
  return { ok: true, action: record, duplicate: false };
}
