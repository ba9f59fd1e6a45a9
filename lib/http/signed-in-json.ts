import "server-only";
import { requireUser, type CurrentUser } from "@/lib/auth/session";
import { jsonError } from "./json-error";

/**
 * The console's JSON reads as route handlers: the person must be signed in, what `read` returns is
 * the answer, and whatever it throws is answered by jsonError (401 for no session, 404, ...).
 */
export function signedInJson<P extends Record<string, string> = Record<string, never>>(
  read: (input: { params: P; user: CurrentUser; request: Request }) => Promise<unknown>,
) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const user = await requireUser();
      return Response.json(await read({ params: await context.params, user, request }));
    } catch (error) {
      return jsonError(error);
    }
  };
}
