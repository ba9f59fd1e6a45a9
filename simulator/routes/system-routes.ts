import { agentPoolRequestSchema, configUpdateRequestSchema } from "@/lib/target-api/schemas";
import { json, validate, type Route } from "../http/router";
import {
  cleanupAgents,
  cleanupCache,
  compactBeliefs,
  resetDbPool,
  resizeAgentPool,
  runGarbageCollection,
  updateConfig,
  type RemediationOutcome,
} from "../model/remediations";
import type { ModelState } from "../model/types";
import { remediationResult } from "../views/remediation-view";
import { configResponse } from "../views/runtime-views";
import type { TargetContext } from "./context";

const base = "/api/v1/system";

function remediation(path: string, run: (state: ModelState) => RemediationOutcome): Route<TargetContext> {
  return {
    method: "POST",
    path: `${base}${path}`,
    handle: ({ context }) => json(remediationResult(run(context.state), context.state.nowMs)),
  };
}

export const systemRoutes: Route<TargetContext>[] = [
  remediation("/cache/cleanup", cleanupCache),
  remediation("/gc", runGarbageCollection),
  remediation("/agents/cleanup", cleanupAgents),
  remediation("/agents/beliefs/compact", compactBeliefs),
  remediation("/db/pool/reset", resetDbPool),
  {
    method: "POST",
    path: `${base}/agents/pool`,
    readsBody: true,
    handle: ({ context, body }) => {
      const { max_size } = validate(agentPoolRequestSchema, body, "body");
      return json(remediationResult(resizeAgentPool(context.state, max_size), context.state.nowMs));
    },
  },
  {
    method: "GET",
    path: `${base}/config`,
    handle: ({ context }) => json(configResponse(context.state, context.state.instance.config)),
  },
  {
    method: "PUT",
    path: `${base}/config`,
    readsBody: true,
    handle: ({ context, body }) => {
      const patch = validate(configUpdateRequestSchema, body, "body");
      const { previous } = updateConfig(context.state, {
        ...(patch.belief_compression === undefined ? {} : { beliefCompression: patch.belief_compression }),
        ...(patch.belief_size_limit_mb === undefined ? {} : { beliefSizeLimitMb: patch.belief_size_limit_mb }),
      });
      return json(configResponse(context.state, previous));
    },
  },
];
