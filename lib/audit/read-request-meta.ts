import "server-only";
import { headers } from "next/headers";
import { requestMetaFrom, type RequestMeta } from "./request-meta";

/** The current request's client address, user agent and request id (server actions, pages). */
export async function readRequestMeta(): Promise<RequestMeta> {
  return requestMetaFrom(await headers());
}
