import type { MemoryTop } from "@/lib/target-api/schemas";

export type ConsumerGrowth = {
  name: string;
  component: string;
  description: string;
  currentMb: number;
  /** Memory at the start of the range: the first sample at or after it, or 0 when the consumer appeared later. */
  startMb: number | null;
  /** True when the consumer did not exist at the start of the range (it grew from nothing). */
  appeared: boolean;
  /** When it was first seen, if it appeared during the range. */
  appearedAt: number | null;
  growthMb: number | null;
};

/** A consumer's first stored value in the range, and when. */
export type ConsumerStart = { valueMb: number | null; at: number | null };

export type AttributeConsumerGrowthOptions = {
  consumers: MemoryTop["consumers"];
  /** By position: the start of `consumers[i]`. */
  starts: readonly (ConsumerStart | undefined)[];
  /** The first consumer sample of the target in the range: consumers were being collected from then. */
  collectingSince: number | null;
  /** A consumer first seen later than this after collection began was not there before. */
  slackMs: number;
};

/**
 * Each current top consumer with its growth over the range. One that appeared during the range
 * grew from nothing, so its growth is its size: a data import that arrived with the spike is the
 * spike, however flat it has been since it arrived.
 */
export function attributeConsumerGrowth({ consumers, starts, collectingSince, slackMs }: AttributeConsumerGrowthOptions): ConsumerGrowth[] {
  return consumers.map((consumer, i) => {
    const start = starts[i];
    const appeared = start?.at != null && collectingSince !== null && start.at > collectingSince + slackMs;
    const startMb = appeared ? 0 : (start?.valueMb ?? null);
    return {
      name: consumer.name,
      component: consumer.component,
      description: consumer.description,
      currentMb: consumer.memory_mb,
      startMb,
      appeared,
      appearedAt: appeared ? start!.at : null,
      growthMb: startMb === null ? null : consumer.memory_mb - startMb,
    };
  });
}
