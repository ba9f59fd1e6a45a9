import "server-only";
import { watch, type FSWatcher } from "node:fs";
import path from "node:path";
import { describeError } from "@/lib/errors";
import { applyTargetsFile, type ApplyOutcome } from "@/lib/provisioning/apply-targets-file";

export type TargetsFileWatcher = {
  /** Applies the file now (after any apply in progress); what SIGHUP calls. */
  apply(): Promise<ApplyOutcome | null>;
  close(): void;
};

/**
 * Applies the provisioning file at start and whenever it changes. The directory is watched,
 * not the file: editors and `kubectl` ConfigMap updates replace the file rather than write it.
 * Applies never overlap; a burst of change events becomes one apply.
 */
export function watchTargetsFile(options: { filePath: string; log: (line: string) => void; debounceMs?: number }): TargetsFileWatcher {
  const filePath = path.resolve(options.filePath);
  let chain: Promise<ApplyOutcome | null> = Promise.resolve(null);
  let timer: NodeJS.Timeout | null = null;
  const apply = () => {
    chain = chain.then(
      () => applyTargetsFile({ filePath, log: options.log }),
      () => applyTargetsFile({ filePath, log: options.log }),
    ).catch((error: unknown) => {
      options.log(`applying ${filePath} failed (will retry on its next change): ${describeError(error)}`);
      return null;
    });
    return chain;
  };
  let watcher: FSWatcher | null = null;
  try {
    watcher = watch(path.dirname(filePath), (_event, name) => {
      if (name !== path.basename(filePath)) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void apply(), options.debounceMs ?? 300);
    });
  } catch (error) {
    options.log(`cannot watch ${path.dirname(filePath)} (${describeError(error)}): send the worker SIGHUP after changing ${filePath}`);
  }
  void apply();
  return {
    apply,
    close() {
      if (timer) clearTimeout(timer);
      watcher?.close();
    },
  };
}
