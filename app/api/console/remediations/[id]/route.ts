import { signedInJson } from "@/lib/http/signed-in-json";
import { getActionView } from "@/lib/remediation/get-action-view";

export const dynamic = "force-dynamic";

/** One action's record, polled by a page while the worker runs it. */
export const GET = signedInJson<{ id: string }>(({ params }) => getActionView({ id: params.id }));
