import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

export async function findTargetBySlug(slug: string) {
  const target = await db.target.findUnique({
    where: { slug },
    select: { id: true, slug: true, name: true, baseUrl: true, memoryLimitMb: true, enabled: true, kind: true, provisionedFrom: true },
  });
  if (!target) throw new AppError("NOT_FOUND", `No target "${slug}".`);
  return target;
}
