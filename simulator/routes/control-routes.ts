import { parseDuration } from "@/lib/target-api/duration";
import {
  faultRequestSchema,
  historyQuerySchema,
  restartRequestSchema,
  scenarioRequestSchema,
  speedRequestSchema,
  type ControlState,
} from "@/lib/target-api/schemas";
import { json, validate, type Route } from "../http/router";
import { measureMemory } from "../model/measure";
import { limits } from "../model/profile";
import { cleanRedisExpiredKeys } from "../model/remediations";
import { setScenario } from "../model/scenario";
import { iso, round1 } from "../views/format";
import { historySamples } from "../views/history-views";
import type { TargetContext } from "./context";

function controlState({ state, clock, faults, restarts }: TargetContext): ControlState {
  const usedMb = measureMemory(state).usedMb;
  return {
    status: state.down === null ? "up" : "down",
    scenario: state.scenario.name,
    scenario_onset_at: iso(state.scenario.onsetMs),
    seed: state.seed,
    speed: clock.speed(),
    model_time: iso(state.nowMs),
    wall_time: iso(clock.wallNow()),
    instance_id: state.instance.id,
    restart: restarts.current(),
    used_mb: round1(usedMb),
    percent: round1((usedMb / limits.memoryLimitMb) * 100),
    faults: faults.list(),
  };
}

/** Simulator controls; the server answers them only from loopback addresses. */
export const controlRoutes: Route<TargetContext>[] = [
  { method: "GET", path: "/_control/state", handle: ({ context }) => json(controlState(context)) },
  {
    method: "POST",
    path: "/_control/scenario",
    readsBody: true,
    handle: ({ context, body }) => {
      const request = validate(scenarioRequestSchema, body, "body");
      const onsetAgoMs = request.onset_ago === undefined ? 0 : parseDuration(request.onset_ago);
      setScenario(context.state, request.scenario, context.state.nowMs - onsetAgoMs);
      return json(controlState(context));
    },
  },
  {
    method: "POST",
    path: "/_control/speed",
    readsBody: true,
    handle: ({ context, body }) => {
      context.clock.setSpeed(validate(speedRequestSchema, body, "body").speed);
      return json(controlState(context));
    },
  },
  { method: "GET", path: "/_control/faults", handle: ({ context }) => json({ faults: context.faults.list() }) },
  {
    method: "POST",
    path: "/_control/faults",
    readsBody: true,
    handle: ({ context, body }) => json(context.faults.add(validate(faultRequestSchema, body, "body")), 201),
  },
  {
    method: "DELETE",
    path: "/_control/faults",
    handle: ({ context }) => {
      context.faults.clear();
      return json({ faults: [] });
    },
  },
  {
    method: "POST",
    path: "/_control/restart",
    readsBody: true,
    handle: ({ context, body }) => {
      const { response, headers } = context.restarts.restart(validate(restartRequestSchema, body, "body").mode);
      return { kind: "json", status: 202, body: response, headers };
    },
  },
  {
    method: "GET",
    path: "/_control/history",
    handle: ({ context, query }) => {
      const { duration, step } = validate(historyQuerySchema, query, "query");
      return json({ step, samples: historySamples(context.state, { duration, step }) });
    },
  },
  {
    method: "POST",
    path: "/_control/redis/clean-expired",
    handle: ({ context }) => {
      const { freedMb, keysDeleted } = cleanRedisExpiredKeys(context.state);
      return json({ action: "redis_clean_expired", timestamp: iso(context.state.nowMs), freed_mb: round1(freedMb), keys_deleted: keysDeleted });
    },
  },
];
