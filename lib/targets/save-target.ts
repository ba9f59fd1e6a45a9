import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { TargetInput } from "@/lib/targets/target-schema";

export async function createTarget(options: { slug: string; input: TargetInput }) {
  const existing = await db.target.findUnique({ where: { slug: options.slug }, select: { id: true } });
  if (existing) throw new AppError("CONFLICT", `A target "${options.slug}" already exists.`);
  return db.target.create({ data: { slug: options.slug, ...options.input }, select: { id: true, slug: true } });
}

export async function updateTarget(options: { targetId: number; input: TargetInput }) {
  return db.target.update({
    where: { id: options.targetId },
    // A changed interval takes effect from now, not after the old one runs out.
    data: { ...options.input, nextScrapeAt: new Date() },
    select: { id: true, slug: true },
  });
}
