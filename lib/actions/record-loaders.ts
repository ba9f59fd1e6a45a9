import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { MAX_RECORD_ID } from "@/lib/record-id";
import { findTargetBySlug } from "@/lib/targets/find-target";

/** What a refusal's audit row names besides the actor: the target, the action, the request. */
export type RefusalAbout = {
  target?: { id: number | null; slug: string } | null;
  actionId?: string | null;
  remediationId?: number | null;
};

/**
 * How an action finds the record it is about. `about` reads the raw input, so that a refusal
 * before the record is loaded (bad input, no session, no permission) still names it.
 */
export type RecordLoader<I, R> = {
  about: (raw: Record<string, unknown>) => RefusalAbout;
  load: (input: I) => Promise<{ record: R; about: RefusalAbout }>;
};

const text = (value: unknown, max: number) => (typeof value === "string" && value.trim() ? value.trim().slice(0, max) : null);
const positiveInt = (value: unknown) => {
  const n = typeof value === "string" && /^\d{1,9}$/.test(value) ? Number(value) : value;
  return Number.isInteger(n) && (n as number) > 0 && (n as number) <= MAX_RECORD_ID ? (n as number) : null;
};
const slugAbout = (slug: string | null): RefusalAbout => (slug ? { target: { id: null, slug } } : {});

type Target = Awaited<ReturnType<typeof findTargetBySlug>>;

/** The target a settings, alerting or token form names in its `slug` field. */
export const targetBySlug: RecordLoader<{ slug: string }, Target> = {
  about: (raw) => slugAbout(text(raw.slug, 63)),
  load: async (input) => {
    const target = await findTargetBySlug(input.slug);
    return { record: target, about: { target: { id: target.id, slug: target.slug } } };
  },
};

/** The target a runbook action is asked for on (`targetSlug`), and the action. */
export const remediationTarget: RecordLoader<{ targetSlug: string; actionId: string }, Target> = {
  about: (raw) => ({ ...slugAbout(text(raw.targetSlug, 63)), actionId: text(raw.actionId, 64) }),
  load: async (input) => {
    const target = await findTargetBySlug(input.targetSlug);
    return { record: target, about: { target: { id: target.id, slug: target.slug }, actionId: input.actionId } };
  },
};

/** A destructive request a lead approves or rejects, by id. */
export const remediationRequest: RecordLoader<{ remediationId: number }, { id: number; actionId: string }> = {
  about: (raw) => ({ remediationId: positiveInt(raw.remediationId) }),
  load: async (input) => {
    const found = await db.remediationAction.findUnique({
      where: { id: input.remediationId },
      select: { id: true, actionId: true, target: { select: { id: true, slug: true } } },
    });
    if (!found) throw new AppError("NOT_FOUND", `No request #${input.remediationId}.`);
    return { record: { id: found.id, actionId: found.actionId }, about: { target: found.target, actionId: found.actionId, remediationId: found.id } };
  },
};

/** The user an admin changes, by id. */
export const userById: RecordLoader<{ userId: number }, { id: number; email: string }> = {
  about: () => ({}),
  load: async (input) => {
    const user = await db.user.findUnique({ where: { id: input.userId }, select: { id: true, email: true } });
    if (!user) throw new AppError("NOT_FOUND", `No user #${input.userId}.`);
    return { record: user, about: {} };
  },
};
