import { signedInJson } from "@/lib/http/signed-in-json";
import { listTargetActions } from "@/lib/remediation/list-target-actions";

export const dynamic = "force-dynamic";

/** The actions panel's data: recent actions with their progress, requests awaiting approval, what each action calls. */
export const GET = signedInJson<{ slug: string }>(({ params, user }) => listTargetActions({ slug: params.slug, user }));
