import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { createTargetClient } from "@/lib/target-api/client";
import { toActionView } from "@/lib/remediation/action-rows";
import type { ActionOutcome, ActionView } from "@/lib/remediation/action-view";
import type { RemediationActor } from "@/lib/remediation/actor";
import { describeFailure, finishAction } from "@/lib/remediation/run/finish-action";
import { startAction } from "@/lib/remediation/run/start-action";
import { DriverError } from "@/lib/remediation/drivers/driver-error";
import { resolveContext, type RemediationContext } from "@/lib/remediation/remediation-context";
import { requestAction } from "@/lib/remediation/request/request-action";
import { createStepRecorder } from "@/lib/remediation/run/step-recorder";

const DUMP_TIMEOUT_MS = 60_000;

export type HeapDumpDownload = { ok: true; filename: string; stream: ReadableStream<Uint8Array>; action: ActionView };

/** The runbook's file name, `memory_dump_YYYYmmdd_HHMMSS.json`, in UTC. */
export function heapDumpFilename(at: Date): string {
  const [date, time] = at.toISOString().split("T");
  return `memory_dump_${date.replaceAll("-", "")}_${time.slice(0, 8).replaceAll(":", "")}.json`;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * The heap dump as a download: requested, authorized and started like any action, then the
 * target's dump is streamed through to the browser while its size and SHA-256 are counted; the
 * action succeeds (with both recorded) only when the last byte has passed.
 */
export async function startHeapDump(options: { actor: RemediationActor; input: unknown; context: RemediationContext }): Promise<HeapDumpDownload | Extract<ActionOutcome, { ok: false }>> {
  const ctx = resolveContext(options.context);
  const requested = await requestAction({ actor: options.actor, input: options.input, ctx, download: true });
  if (requested.kind === "answered") {
    if (!requested.outcome.ok) return requested.outcome;
    return { ok: false, code: "CONFLICT", message: "This download was already taken with the same request; open the dialog again for a new dump.", action: requested.outcome.action };
  }
  // Started here, not by the worker: the browser receives the bytes through this request. If
  // this process dies mid-stream, the run has no lease and the worker's sweep fails it past its deadline.
  const started = await startAction({ id: requested.row.id, ctx });
  if (started.kind === "not_started") {
    return { ok: false, code: started.code, message: started.message, ...(started.row ? { action: toActionView(started.row) } : {}) };
  }
  const { row } = started;
  const steps = createStepRecorder({ now: ctx.now, persist: async (list) => void (await db.remediationAction.update({ where: { id: row.id }, data: { steps: list } })) });
  const filename = heapDumpFilename(row.startedAt ?? ctx.now());
  const finish = (finishOptions: Parameters<typeof finishAction>[0]["finish"]) => finishAction({ id: row.id, ctx, finish: finishOptions, steps: steps.list() });

  let body: ReadableStream<Uint8Array>;
  try {
    const client = createTargetClient({ baseUrl: row.target.baseUrl, timeoutMs: ctx.timeoutMs });
    body = await steps.run("POST /api/v1/monitoring/memory/dump", async () => {
      const dump = await client.dumpMemory({ timeoutMs: DUMP_TIMEOUT_MS });
      return { value: dump.body, detail: `streaming to the browser as ${filename}` };
    });
  } catch (error) {
    const done = await finish({ kind: "failed", error });
    return { ok: false, code: "UPSTREAM_FAILED", message: describeFailure(error).message, action: toActionView(done) };
  }

  const reader = body.getReader();
  const hash = createHash("sha256");
  let bytes = 0;
  let settled = false;
  const settle = async (outcome: "done" | { error: unknown }) => {
    if (settled) return;
    settled = true;
    if (outcome === "done") {
      const sha256 = hash.digest("hex");
      const summary = `${filename}: ${mb(bytes)}, SHA-256 ${sha256}`;
      await finish({ kind: "succeeded", call: { summary, reportedFreedMb: null, result: { filename, bytes, sha256 } }, extra: { artifactName: filename, artifactBytes: BigInt(bytes), artifactSha256: sha256 } });
    } else {
      await finish({ kind: "failed", error: outcome.error });
    }
  };
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        const failure = (error as Error)?.name === "TimeoutError" || (error as Error)?.name === "AbortError"
          ? new DriverError("timeout", `The heap dump did not finish within ${DUMP_TIMEOUT_MS / 1000} s (${mb(bytes)} received).`)
          : new DriverError("refused", `The target stopped sending the heap dump after ${mb(bytes)}: ${(error as Error)?.message ?? error}.`);
        await settle({ error: failure });
        controller.error(failure);
        return;
      }
      if (chunk.done) {
        await settle("done");
        controller.close();
        return;
      }
      hash.update(chunk.value);
      bytes += chunk.value.byteLength;
      controller.enqueue(chunk.value);
    },
    async cancel() {
      await reader.cancel().catch(() => undefined);
      await settle({ error: new DriverError("refused", `The download was interrupted by the browser after ${mb(bytes)}.`) });
    },
  });
  return { ok: true, filename, stream, action: toActionView(row) };
}
