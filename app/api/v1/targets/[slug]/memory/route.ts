import { getCurrentUser } from "@/lib/auth/session";
import { toResponse } from "@/lib/http/json-error";
import { answerMemoryRequest } from "@/lib/series-api/answer-memory-request";

export const dynamic = "force-dynamic";

// Bearer-token reads usually never get here: supervisor/web-server.ts answers them itself,
// through the same function (the route still serves them under `next start` or `npm run dev`).
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return toResponse(await answerMemoryRequest({ slug, url: request.url, headers: request.headers, signedIn: async () => (await getCurrentUser()) !== null }));
}
