import type { ActionStep } from "@/lib/remediation/action-view";

export type StepRecorder = {
  run(name: string, fn: () => Promise<string>): Promise<string>;
  run<T>(name: string, fn: () => Promise<{ value: T; detail: string; expectedAt?: string }>): Promise<T>;
  list(): ActionStep[];
};

/**
 * Progress of a running action, step by step, saved as it goes so that the page can show it
 * (a restart's hook call, the wait for the new instance, the check after). Saving progress
 * may fail without failing the action: the outcome is recorded separately.
 */
export function createStepRecorder(options: { persist: (steps: ActionStep[]) => Promise<void>; now?: () => Date }): StepRecorder {
  const now = options.now ?? (() => new Date());
  const steps: ActionStep[] = [];
  const save = () => options.persist(steps.map((s) => ({ ...s }))).catch(() => undefined);

  async function run(name: string, fn: () => Promise<string | { value: unknown; detail: string; expectedAt?: string }>): Promise<unknown> {
    const step: ActionStep = { name, status: "running", at: now().toISOString() };
    steps.push(step);
    await save();
    try {
      const result = await fn();
      step.status = "done";
      step.detail = typeof result === "string" ? result : result.detail;
      if (typeof result !== "string" && result.expectedAt) step.expectedAt = result.expectedAt;
      step.at = now().toISOString();
      await save();
      return typeof result === "string" ? result : result.value;
    } catch (error) {
      step.status = "failed";
      step.detail = (error as Error).message;
      step.at = now().toISOString();
      await save();
      throw error;
    }
  }

  return { run: run as StepRecorder["run"], list: () => steps.map((s) => ({ ...s })) };
}
