import { z } from "zod";

// The runbook's "Common Causes and Solutions", in its order, and "other" for the rest.
export const rootCauses = ["agent_memory_leak", "large_belief_states", "db_connection_pool", "redis_memory_bloat", "other"] as const;
export type RootCause = (typeof rootCauses)[number];
export const ROOT_CAUSE_LABEL: Record<RootCause, string> = {
  agent_memory_leak: "Memory leak in the agent system",
  large_belief_states: "Large belief states",
  db_connection_pool: "Database connection pool",
  redis_memory_bloat: "Redis memory bloat",
  other: "Other",
};

export const followUpStates = ["open", "done", "wont_do"] as const;
export const FOLLOW_UP_STATE_LABEL: Record<(typeof followUpStates)[number], string> = { open: "open", done: "done", wont_do: "won't do" };

export const MAX_SUMMARY_LENGTH = 10_000;
export const MAX_FOLLOW_UPS = 30;

export const followUpSchema = z.object({
  item: z.string().trim().min(1, { error: "name the follow-up" }).max(300),
  owner: z.string().trim().max(200).default(""),
  state: z.enum(followUpStates, { error: "state is open, done or wont_do" }).default("open"),
  link: z.union([z.literal(""), z.url({ protocol: /^https?$/, error: "link must be an http(s) URL" })]).default(""),
});
export type FollowUp = z.output<typeof followUpSchema>;

/** What a draft holds; the form sends the follow-ups as JSON. */
export const reviewContentSchema = z.object({
  rootCause: z.enum(rootCauses, { error: `root cause is one of ${rootCauses.join(", ")}` }).nullable().default(null),
  summary: z.string().trim().max(MAX_SUMMARY_LENGTH, { error: `summary has at most ${MAX_SUMMARY_LENGTH} characters` }).default(""),
  followUps: z.array(followUpSchema).max(MAX_FOLLOW_UPS, { error: `at most ${MAX_FOLLOW_UPS} follow-ups` }).default([]),
});
export type ReviewContent = z.output<typeof reviewContentSchema>;

/** The runbook's "Post-Incident Actions", each a follow-up of a new review. */
export const CHECKLIST_FOLLOW_UPS: readonly string[] = [
  "Record memory usage patterns",
  "Document which mitigation worked",
  "Update thresholds if needed",
  "Review recent changes for memory leaks",
  "Check for unbounded data structures",
  "Verify cleanup in finally blocks",
  "Update configuration (memory limits and reservations)",
];

export const UPDATE_THRESHOLDS = CHECKLIST_FOLLOW_UPS[2];
export const UPDATE_CONFIGURATION = CHECKLIST_FOLLOW_UPS[6];

/** The checklist as a new draft's follow-ups; `links` prefills some of them (the backtest, the limits proposal). */
export const checklistFollowUps = (links: Readonly<Record<string, string>> = {}): FollowUp[] =>
  CHECKLIST_FOLLOW_UPS.map((item) => ({ item, owner: "", state: "open", link: links[item] ?? "" }));
