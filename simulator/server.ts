import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { ScenarioName } from "@/lib/target-api/schemas";
import { createFaultTable, playFault } from "./http/faults";
import { HttpError } from "./http/http-error";
import { discardBody, readJsonBody } from "./http/request-body";
import { matchRoute, type Route } from "./http/router";
import { sendError, sendReply } from "./http/send";
import { createReplyCache } from "./http/reply-cache";
import { createListener } from "./listener";
import { createModelClock } from "./model-clock";
import { advanceModel, createModel } from "./model/create-model";
import type { ModelState } from "./model/types";
import { createRestartController } from "./restart-controller";
import type { TargetContext } from "./routes/context";
import { controlRoutes } from "./routes/control-routes";
import { monitoringRoutes } from "./routes/monitoring-routes";
import { systemRoutes } from "./routes/system-routes";

export type TargetServerOptions = {
  /** 0 picks a free port (tests); default 8000, the runbook's port. */
  port?: number;
  /** Default 127.0.0.1: the simulator answers control requests without authentication. */
  host?: string;
  scenario?: ScenarioName;
  seed?: number;
  /** Model seconds per wall second (0 freezes the model, 60 lives an hour in a minute). */
  speed?: number;
  historyMs?: number;
  onsetAgoMs?: number;
  peakHourUtc?: number;
  /** How long a restart takes in wall time: emergency refuses connections this long (default 30 s). */
  downtimeMs?: number;
  /** Serve identical monitoring GETs from a cache this long (fleet benches; default 0: off). */
  replyCacheMs?: number;
  now?: () => number;
  log?: (line: string) => void;
};

export type TargetServer = { url: string; port: number; model: ModelState; close(): Promise<void> };

const routes: Route<TargetContext>[] = [...monitoringRoutes, ...systemRoutes, ...controlRoutes];
const loopback = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

export async function startTargetServer(options: TargetServerOptions = {}): Promise<TargetServer> {
  const host = options.host ?? "127.0.0.1";
  const log = options.log ?? (() => undefined);
  const clock = createModelClock(options.now ?? Date.now, options.speed ?? 1);
  const state = createModel({
    nowMs: clock.modelNow(),
    seed: options.seed,
    scenario: options.scenario,
    historyMs: options.historyMs,
    onsetAgoMs: options.onsetAgoMs,
    peakHourUtc: options.peakHourUtc,
  });
  let eventsSeen = state.events.length;
  const sync = (): void => {
    advanceModel(state, clock.modelNow());
    for (; eventsSeen < state.events.length; eventsSeen += 1) {
      if (state.events[eventsSeen].type === "oom_killed") restarts.oomKilled();
    }
  };
  const shutdown = new AbortController();
  const server = createServer((request, response) => {
    handle(request, response).catch((error: Error) => {
      log(`error handling ${request.method} ${request.url}: ${error.stack ?? error.message}`);
      if (!response.headersSent) sendError(response, 500, "internal", "the simulator failed to answer; see its log");
      else response.destroy();
    });
  });
  const listener = createListener(server, host);
  const downtimeMs = options.downtimeMs ?? 30_000;
  const restarts = createRestartController({ state, listener, downtimeMs, wallNow: clock.wallNow, sync, log });
  const faults = createFaultTable();
  const context: TargetContext = { state, clock, faults, restarts };
  const replyCache = options.replyCacheMs ? createReplyCache(options.replyCacheMs, clock.wallNow) : null;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://target");
    const method = request.method ?? "GET";
    try {
      const control = url.pathname.startsWith("/_control/");
      if (control && !loopback.test(request.socket.remoteAddress ?? "")) {
        throw new HttpError(403, "forbidden", "control endpoints answer only loopback clients");
      }
      const route = matchRoute(routes, method, url.pathname);
      sync();
      if (!control) {
        const fault = faults.take(url.pathname);
        if (fault && (await playFault(fault, request, response, shutdown.signal))) return;
        if (state.down) throw new HttpError(503, "unavailable", "the service is restarting", { "retry-after": String(Math.ceil(downtimeMs / 1000)) });
      }
      const body = route.readsBody ? await readJsonBody(request) : await discardBody(request);
      const cacheKey = method === "GET" && !control ? `${url.pathname}${url.search}` : null;
      if (cacheKey === null) replyCache?.clear();
      const cached = cacheKey === null ? null : (replyCache?.get(cacheKey) ?? null);
      if (cached) return sendReply(response, cached);
      const reply = await route.handle({ context, query: Object.fromEntries(url.searchParams), body });
      if (cacheKey !== null) replyCache?.set(cacheKey, reply);
      sendReply(response, reply);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      sendError(response, error.status, error.code, error.message, error.headers);
    }
  }

  const port = await listener.open(options.port ?? 8000);
  // Advancing between requests too keeps history sampled and an out-of-memory kill on time when nobody is asking.
  const ticker = setInterval(sync, 250);
  ticker.unref();
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    model: state,
    async close() {
      clearInterval(ticker);
      restarts.stop();
      shutdown.abort();
      await listener.close();
    },
  };
}
