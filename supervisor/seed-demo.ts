import bcrypt from "bcryptjs";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { channelEvents } from "@/lib/notifications/channel-events";

export const DEMO_USERS: ReadonlyArray<{ email: string; name: string; role: Role }> = [
  { email: "viewer@headroom.local", name: "Vera Viewer", role: "viewer" },
  { email: "oncall@headroom.local", name: "Oscar On-call", role: "responder" },
  { email: "lead@headroom.local", name: "Lena Lead", role: "lead" },
  { email: "admin@headroom.local", name: "Adam Admin", role: "admin" },
];

export type DemoTarget = { slug: string; name: string; baseUrl: string; diagnosticsDatabaseUrl?: string };

/** The demo's one global notification channel, pointed at the terminal inbox (supervisor/demo-inbox.ts). */
export const DEMO_INBOX_CHANNEL = "Demo inbox (this terminal)";

/** Seeds demo users and targets when the database has no users yet; returns whether it seeded. */
export async function seedDemo(options: {
  db: PrismaClient;
  password: string;
  targets: DemoTarget[];
  scrapeIntervalSeconds?: number;
  /** Where the demo's global channel delivers; every event, so the whole on-call loop is heard. */
  inboxUrl: string;
}): Promise<boolean> {
  if ((await options.db.user.count()) > 0) return false;
  const passwordHash = await bcrypt.hash(options.password, 10);
  await options.db.$transaction([
    options.db.user.createMany({ data: DEMO_USERS.map((u) => ({ ...u, passwordHash })) }),
    options.db.target.createMany({
      data: options.targets.map(({ slug, name, baseUrl, diagnosticsDatabaseUrl }) => ({
        slug,
        name,
        baseUrl,
        diagnosticsDatabaseUrl,
        scrapeIntervalSeconds: options.scrapeIntervalSeconds,
      })),
      skipDuplicates: true,
    }),
    options.db.notificationChannel.create({
      data: { name: DEMO_INBOX_CHANNEL, url: options.inboxUrl, targetId: null, events: [...channelEvents], createdAt: new Date(), updatedAt: new Date(), updatedByEmail: "demo seed" },
    }),
  ]);
  return true;
}

/**
 * The inbox listens on a new port each start: point the demo channel there. Only an existing
 * channel is updated, so one an admin removed stays removed.
 */
export async function pointDemoInbox(options: { db: PrismaClient; inboxUrl: string }): Promise<void> {
  await options.db.notificationChannel.updateMany({ where: { name: DEMO_INBOX_CHANNEL, targetId: null }, data: { url: options.inboxUrl } });
}

/**
 * Keeps the demo's self-monitoring targets pointed at this start's ports (they may change
 * between starts); created on the first start, only their URL updated after that.
 */
export async function upsertSelfTargets(options: { db: PrismaClient; targets: { slug: string; name: string; baseUrl: string; kind: string; preset: string; memoryLimitMb: number; configuredMemoryLimitMb: number }[] }): Promise<void> {
  for (const target of options.targets) {
    await options.db.target.upsert({ where: { slug: target.slug }, create: target, update: { baseUrl: target.baseUrl } });
  }
}
