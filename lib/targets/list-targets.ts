import "server-only";
import { db } from "@/lib/db";

export type TargetSummary = {
  id: number;
  slug: string;
  name: string;
  baseUrl: string;
  memoryLimitMb: number;
  enabled: boolean;
  kind: string;
  preset: string | null;
  provisionedFrom: string | null;
};

export async function listTargets(): Promise<TargetSummary[]> {
  return db.target.findMany({
    select: { id: true, slug: true, name: true, baseUrl: true, memoryLimitMb: true, enabled: true, kind: true, preset: true, provisionedFrom: true },
    orderBy: { name: "asc" },
  });
}
