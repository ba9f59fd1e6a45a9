import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { mockedCache, mockedHeaders, mockedNextAuth, signInAs } from "@/tests/support/mock-session";

vi.mock("next/headers", () => mockedHeaders());
vi.mock("next/cache", () => mockedCache());
vi.mock("next-auth", (importOriginal) => mockedNextAuth(importOriginal));

import { GET as getMemory } from "@/app/api/v1/targets/[slug]/memory/route";
import { GET as getActions } from "@/app/api/console/targets/[slug]/actions/route";
import { GET as getTarget } from "@/app/api/console/targets/[slug]/route";
import { GET as getDatabase } from "@/app/api/console/targets/[slug]/database/route";
import { GET as getRedis } from "@/app/api/console/targets/[slug]/redis/route";
import { saveRemediationSettingsAction, updateTargetAction } from "@/app/(console)/targets/[slug]/settings/actions";
import { db } from "@/lib/db";
import { createIngestToken } from "@/lib/ingest/ingest-tokens";
import { form } from "@/tests/support/action-forms";
import { insertUser } from "@/tests/support/user-fixtures";

let tokenOfOther = "";

beforeAll(async () => {
  const admin = await insertUser("admin");
  await db.target.create({ data: { slug: "exists", name: "Exists", baseUrl: "http://127.0.0.1:9" } });
  const other = await db.target.create({ data: { slug: "other", name: "Other", baseUrl: "http://127.0.0.1:9" } });
  tokenOfOther = (await createIngestToken({ targetId: other.id, name: "other", actor: admin })).token;
});
afterAll(() => db.$disconnect());

type Route = (request: Request, context: { params: Promise<{ slug: string }> }) => Promise<Response>;
async function answer(route: Route, slug: string, headers: Record<string, string> = {}) {
  const response = await route(new Request(`http://test/x?range=1h`, { headers }), { params: Promise.resolve({ slug }) });
  return { status: response.status, body: await response.json() };
}

describe("a caller without access cannot tell which target names exist", () => {
  const callers: { name: string; route: Route; headers?: () => Record<string, string> }[] = [
    { name: "series API with a bad token", route: getMemory, headers: () => ({ authorization: "Bearer hr_not-a-token" }) },
    { name: "series API with another target's token", route: getMemory, headers: () => ({ authorization: `Bearer ${tokenOfOther}` }) },
    { name: "series API anonymous", route: getMemory },
    { name: "console actions anonymous", route: getActions },
    { name: "console target view anonymous", route: getTarget },
    { name: "console database panel anonymous", route: getDatabase },
    { name: "console Redis panel anonymous", route: getRedis },
  ];
  for (const caller of callers) {
    it(`${caller.name}: same status and message for a known and an unknown slug`, async () => {
      signInAs(null);
      const known = await answer(caller.route, "exists", caller.headers?.());
      const unknown = await answer(caller.route, "no-such-target", caller.headers?.());
      expect(known.status).toBe(401);
      expect(unknown).toEqual(known);
    });
  }

  it("a viewer's refused settings change reads the same for a known and an unknown slug", async () => {
    signInAs(await insertUser("viewer"));
    // Each form's own fields (the collection form refuses fields it does not know).
    const collection = { name: "X", kind: "runbook-api", url: "http://127.0.0.1:9", memory_limit_mb: "4096", scrape_interval_seconds: "15" };
    const remediation = { restartDriver: "none", restartTimeoutSeconds: "60" };
    for (const [action, fields] of [[updateTargetAction, collection], [saveRemediationSettingsAction, remediation]] as const) {
      const known = await action(null, form({ ...fields, slug: "exists" }));
      const unknown = await action(null, form({ ...fields, slug: "no-such-target" }));
      expect(known).toMatchObject({ ok: false, code: "FORBIDDEN" });
      expect(unknown).toEqual(known);
    }
  });

  it("the series API still answers 404 to a signed-in person (every role reads every target)", async () => {
    signInAs(await insertUser("viewer"));
    expect((await answer(getMemory, "no-such-target")).status).toBe(404);
  });
});
