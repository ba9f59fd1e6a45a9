import { limits, profile } from "./profile";
import type { Instance, TickContext } from "./types";

const g = profile.garbage;
/** Average size of a collectable object (reference cycles of small Python objects). */
const bytesPerObject = 320;

export const garbageMb = (instance: Instance): number =>
  instance.garbage.api_service + instance.garbage.agent_system + instance.garbage.database;

/** Request handling and belief updates leave reference cycles behind that only the cycle collector frees. */
export function accumulateGarbage({ instance, load, dtMin }: TickContext): void {
  instance.garbage.api_service += g.apiMbPerMin * load * dtMin;
  instance.garbage.agent_system += g.agentMbPerMin * load * dtMin;
}

/** The runtime collects on its own when garbage piles up, and eagerly above API_GC_THRESHOLD_MB. */
export function wantsCollection(instance: Instance, usedMb: number): boolean {
  const garbage = garbageMb(instance);
  return garbage >= g.collectAtMb || (usedMb > limits.gcThresholdMb && garbage >= g.collectUnderPressureMb);
}

/** Frees every collectable object and nothing else: leaked objects are still referenced. */
export function collectGarbage(instance: Instance): { freedMb: number; objects: number } {
  const freedMb = garbageMb(instance);
  instance.garbage = { api_service: 0, agent_system: 0, database: 0 };
  instance.gcCollections += 1;
  return { freedMb, objects: Math.round((freedMb * 1024 * 1024) / bytesPerObject) };
}
