import type { z } from "zod";
import { describeIssues } from "@/lib/target-api/schemas";
import { HttpError } from "./http-error";

export type Method = "GET" | "POST" | "PUT" | "DELETE";

export type Reply =
  | { kind: "json"; status?: number; body: unknown; headers?: Record<string, string> }
  | { kind: "text"; body: string; contentType: string }
  | { kind: "stream"; chunks: Iterable<string>; headers: Record<string, string> };

export type Request<C> = { context: C; query: Record<string, string>; body: unknown };

export type Route<C> = {
  method: Method;
  path: string;
  /** Whether the route reads a JSON body; routes that do not ignore whatever was sent. */
  readsBody?: boolean;
  handle(request: Request<C>): Reply | Promise<Reply>;
};

export const json = (body: unknown, status = 200): Reply => ({ kind: "json", status, body });

/** Finds the route for a path, or explains with 404 / 405 why there is none. */
export function matchRoute<C>(routes: Route<C>[], method: string, path: string): Route<C> {
  const onPath = routes.filter((route) => route.path === path);
  if (onPath.length === 0) throw new HttpError(404, "not_found", `no endpoint ${method} ${path}; see docs/target-api.md`);
  const route = onPath.find((candidate) => candidate.method === method);
  if (!route) {
    const allowed = onPath.map((candidate) => candidate.method).join(", ");
    throw new HttpError(405, "method_not_allowed", `${path} accepts ${allowed}, not ${method}`, { allow: allowed });
  }
  return route;
}

/** Validates input against a contract schema; a failure becomes a 400 that names each bad field. */
export function validate<S extends z.ZodType>(schema: S, input: unknown, what: "query" | "body"): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new HttpError(400, "bad_request", `invalid ${what}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}
