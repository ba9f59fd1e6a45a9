import type { MemoryPoint } from "@/lib/metrics/memory-point";
import { medianOf } from "./series-stats";

/** A recorded action on the target (a remediation, a restart) that may have brought memory down. */
export type Intervention = { id: number; label: string; restart: boolean; startedAt: number; finishedAt: number };

/** Interventions close together whose combined drop stood out: memory was brought down then. */
export type Mitigation = {
  actions: { id: number; label: string; restart: boolean }[];
  startedAt: number;
  /** When the last of them finished: the level is judged again from here. */
  at: number;
  dropMb: number;
};

export type FindMitigationsOptions = {
  samples: readonly MemoryPoint[];
  interventions: readonly Intervention[];
  /** A drop smaller than this is not a mitigation (noise, or an action that freed little). */
  minDropMb: number;
  /** Levels before and after are medians over this long on each side. */
  edgeMs: number;
};

/**
 * The drops recorded actions caused: actions closer together than `edgeMs` are one (their
 * effects cannot be told apart on the total), and each group's level just before it started is
 * compared with the level just after it finished. Sorted by time.
 */
export function findMitigations({ samples, interventions, minDropMb, edgeMs }: FindMitigationsOptions): Mitigation[] {
  const sorted = [...interventions].sort((a, b) => a.startedAt - b.startedAt);
  const groups: Intervention[][] = [];
  for (const intervention of sorted) {
    const last = groups.at(-1);
    if (last && intervention.startedAt - Math.max(...last.map((i) => i.finishedAt)) < edgeMs) last.push(intervention);
    else groups.push([intervention]);
  }
  const mitigations: Mitigation[] = [];
  for (const group of groups) {
    const startedAt = group[0].startedAt;
    const at = Math.max(...group.map((i) => i.finishedAt));
    const dropMb = levelChangeAcross({ samples, startedAt, at, edgeMs });
    if (dropMb === null || dropMb < minDropMb) continue;
    mitigations.push({ actions: group.map(({ id, label, restart }) => ({ id, label, restart })), startedAt, at, dropMb });
  }
  return mitigations;
}

/** Level in the `edgeMs` before `startedAt` minus the level in the `edgeMs` after `at`; null without samples on a side. */
export function levelChangeAcross(options: { samples: readonly MemoryPoint[]; startedAt: number; at: number; edgeMs: number }): number | null {
  const { samples, startedAt, at, edgeMs } = options;
  const before = samples.filter((s) => s.t <= startedAt && s.t >= startedAt - edgeMs).map((s) => s.valueMb);
  const after = samples.filter((s) => s.t >= at && s.t <= at + edgeMs).map((s) => s.valueMb);
  if (before.length === 0 || after.length === 0) return null;
  return medianOf(before) - medianOf(after);
}

/**
 * The series as if the mitigations had not happened: samples while one ran are left out and
 * everything after it is raised by the drop it measured (`drops`, one per mitigation). The
 * growth a leak would have shown is then judged across the whole window.
 */
export function undoMitigations(options: { samples: readonly MemoryPoint[]; mitigations: readonly Mitigation[]; drops: readonly number[] }): MemoryPoint[] {
  const { samples, mitigations, drops } = options;
  return samples.flatMap((sample) => {
    let raise = 0;
    for (let i = 0; i < mitigations.length; i += 1) {
      const m = mitigations[i];
      if (sample.t > m.startedAt && sample.t < m.at) return [];
      if (sample.t >= m.at) raise += drops[i];
    }
    return [{ t: sample.t, valueMb: sample.valueMb + raise }];
  });
}
