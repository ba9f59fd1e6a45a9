import {
  memoryHistoryQuerySchema,
  memoryTopQuerySchema,
  memoryTrendQuerySchema,
  operationsQuerySchema,
} from "@/lib/target-api/schemas";
import { json, validate, type Route } from "../http/router";
import { measureMemory } from "../model/measure";
import { startOperation } from "../model/operations";
import { agentsLifecycle, agentsMemory } from "../views/agent-views";
import { memoryHistory, memoryTrend } from "../views/history-views";
import { memoryDumpChunks } from "../views/memory-dump";
import { memoryStatus, memoryTop } from "../views/memory-views";
import { metricsText } from "../views/prometheus-view";
import { operations, websocketStats } from "../views/runtime-views";
import type { TargetContext } from "./context";

const base = "/api/v1/monitoring";

export const monitoringRoutes: Route<TargetContext>[] = [
  { method: "GET", path: `${base}/memory`, handle: ({ context }) => json(memoryStatus(context.state)) },
  {
    method: "GET",
    path: `${base}/memory/top`,
    handle: ({ context, query }) => json(memoryTop(context.state, validate(memoryTopQuerySchema, query, "query").limit)),
  },
  {
    method: "GET",
    path: `${base}/metrics`,
    handle: ({ context }) => ({ kind: "text", body: metricsText(context.state), contentType: "text/plain; version=0.0.4; charset=utf-8" }),
  },
  {
    method: "GET",
    path: `${base}/metrics/memory`,
    handle: ({ context, query }) => json(memoryHistory(context.state, validate(memoryHistoryQuerySchema, query, "query"))),
  },
  {
    method: "GET",
    path: `${base}/metrics/memory/trend`,
    handle: ({ context, query }) => json(memoryTrend(context.state, validate(memoryTrendQuerySchema, query, "query").duration)),
  },
  {
    method: "GET",
    path: `${base}/operations`,
    handle: ({ context, query }) => json(operations(context.state, validate(operationsQuerySchema, query, "query"))),
  },
  { method: "GET", path: `${base}/agents/memory`, handle: ({ context }) => json(agentsMemory(context.state)) },
  { method: "GET", path: `${base}/agents/lifecycle`, handle: ({ context }) => json(agentsLifecycle(context.state)) },
  { method: "GET", path: `${base}/websocket/stats`, handle: ({ context }) => json(websocketStats(context.state)) },
  {
    method: "POST",
    path: `${base}/memory/dump`,
    handle: ({ context }) => {
      const { state } = context;
      const stamp = new Date(state.nowMs).toISOString().replace(/[-:]/g, "").replace("T", "_").slice(0, 15);
      // Walking the heap costs memory of its own for a few seconds, as a real dump does.
      startOperation(state.instance, state.nowMs, {
        type: "memory_dump",
        component: "api_service",
        peakMb: measureMemory(state).usedMb * 0.02,
        durationMs: 4_000,
        rampMs: 1,
      });
      return {
        kind: "stream",
        chunks: memoryDumpChunks(state),
        headers: {
          "content-type": "application/json; charset=utf-8",
          "content-disposition": `attachment; filename="memory_dump_${stamp}.json"`,
        },
      };
    },
  },
];
