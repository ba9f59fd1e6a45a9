import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { requireUser } from "@/lib/auth/session";
import { jsonError } from "@/lib/http/json-error";
import { readDbConnections } from "@/lib/investigation/read-db-connections";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    await requireUser();
    const { slug } = await params;
    const target = await db.target.findUnique({ where: { slug }, select: { diagnosticsDatabaseUrl: true } });
    if (!target) throw new AppError("NOT_FOUND", `No target "${slug}".`);
    if (!target.diagnosticsDatabaseUrl) return Response.json({ configured: false });
    return Response.json({ configured: true, ...(await readDbConnections({ url: target.diagnosticsDatabaseUrl })) });
  } catch (error) {
    return jsonError(error);
  }
}
