import { signedInJson } from "@/lib/http/signed-in-json";
import { readTargetDbConnections } from "@/lib/investigation/read-target-db-connections";

export const dynamic = "force-dynamic";

export const GET = signedInJson<{ slug: string }>(({ params }) => readTargetDbConnections({ slug: params.slug }));
