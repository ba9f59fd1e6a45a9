import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { updateTarget } from "@/lib/targets/save-target";
import { editTargetFormSchema } from "@/lib/targets/target-form-input";

afterAll(() => db.$disconnect());
const admin = { id: 1, email: "admin@test", role: "admin" };
const form = (fields: Record<string, string>) => {
  const { slug: _slug, ...input } = editTargetFormSchema.parse({
    slug: "diag", name: "Diag", kind: "runbook-api", url: "http://127.0.0.1:9", memory_limit_mb: "4096", scrape_interval_seconds: "15", enabled: "on", ...fields,
  });
  return input;
};
const stored = async (id: number) => (await db.target.findUniqueOrThrow({ where: { id }, select: { diagnosticsDatabaseUrl: true } })).diagnosticsDatabaseUrl;

describe("the diagnostics database URL is kept like a secret", () => {
  it("keeps the stored URL when the field is left empty, replaces it when given, forgets it on request; the audit trail sees only ****", async () => {
    const target = await db.target.create({ data: { slug: "diag", name: "Diag", baseUrl: "http://127.0.0.1:9", diagnosticsDatabaseUrl: "postgresql://ro:first-s3cret@db:5432/app" } });

    await updateTarget({ targetId: target.id, actor: admin, ...form({ diagnostics_database_url: "", name: "Renamed" }) });
    expect(await stored(target.id)).toBe("postgresql://ro:first-s3cret@db:5432/app");

    await updateTarget({ targetId: target.id, actor: admin, ...form({ diagnostics_database_url: "postgresql://ro:second-s3cret@db:5432/app" }) });
    expect(await stored(target.id)).toBe("postgresql://ro:second-s3cret@db:5432/app");

    await updateTarget({ targetId: target.id, actor: admin, ...form({ clear_diagnostics_database_url: "on" }) });
    expect(await stored(target.id)).toBeNull();

    const audited = JSON.stringify((await db.auditEvent.findMany({ where: { type: "target.changed", targetId: target.id } })).map((a) => a.parameters));
    expect(audited).not.toMatch(/s3cret/);
    expect(audited).toContain("postgresql://ro:****@db:5432/app");
  });

  it("still refuses a URL that is not postgresql://, naming the field", () => {
    expect(() => form({ diagnostics_database_url: "mysql://x@db/app" })).toThrow(/must be a postgresql:\/\/ URL/);
  });
});
