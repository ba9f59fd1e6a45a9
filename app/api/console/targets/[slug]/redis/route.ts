import { signedInJson } from "@/lib/http/signed-in-json";
import { readTargetRedisMemory } from "@/lib/investigation/read-target-redis-memory";

export const dynamic = "force-dynamic";

export const GET = signedInJson<{ slug: string }>(({ params }) => readTargetRedisMemory({ slug: params.slug }));
