import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { requestMetaFrom } from "@/lib/audit/request-meta";

export const dynamic = "force-dynamic";

// Built per request so that configuration is read at run time, never during `next build`,
// and so that sign-ins are audited with this request's address and user agent.
function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(authOptions({ meta: requestMetaFrom(request.headers) }))(request, context);
}

export { handler as GET, handler as POST };
