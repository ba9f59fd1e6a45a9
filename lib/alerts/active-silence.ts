/** A silence as one evaluation sees it: `endsAt` epoch ms; who set it and why, for the timeline. */
export type ActiveSilence = { id: number; endsAt: number; createdByEmail: string; comment: string };
