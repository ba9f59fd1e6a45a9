import { db } from "@/lib/db";

/** The admin the benches create ingest tokens as (token creation is audited and names its actor). */
export async function benchAdmin(): Promise<{ id: number; email: string; role: string }> {
  return db.user.upsert({
    where: { email: "bench-admin@headroom.local" },
    create: { email: "bench-admin@headroom.local", name: "Bench admin", role: "admin" },
    update: {},
    select: { id: true, email: true, role: true },
  });
}
