import { profile, scenarioProfile } from "./profile";
import { scenarioActive } from "./traffic";
import type { DbConnectionState, Instance, TickContext } from "./types";

const ws = profile.websocket;

export const countConnections = (instance: Instance, state: DbConnectionState): number =>
  instance.db.filter((conn) => conn.state === state).length;
const db = profile.database;

/**
 * Clients follow the traffic and reconnect at will. In the WebSocket leak a share of disconnects is
 * never noticed: the socket stays open and its send queue fills with broadcasts nobody reads.
 */
export function tickWebsocket({ state, instance, load, dtMin, rng, t }: TickContext): void {
  const sockets = instance.websocket;
  const target = Math.round(ws.clientsPerLoad * load);
  const churn = rng.poisson((sockets.active / ws.sessionMin) * dtMin);
  const disconnects = Math.min(sockets.active, churn + Math.max(0, sockets.active - churn - target));
  const leaking = scenarioActive(state, "websocket-leak", t);
  for (let i = 0; i < disconnects; i += 1) {
    if (leaking && rng.chance(scenarioProfile["websocket-leak"].staleShare)) sockets.staleBacklogMb.push(0);
    else sockets.closedTotal += 1;
  }
  sockets.active -= disconnects;
  const connects = Math.max(0, target - sockets.active);
  sockets.active += connects;
  sockets.openedTotal += connects;
  const backlog = sockets.staleBacklogMb;
  for (let i = 0; i < backlog.length; i += 1) backlog[i] = Math.min(ws.backlogCapMb, backlog[i] + ws.backlogMbPerMin * dtMin);
}

/**
 * A pool in the SQLAlchemy style: checked-in connections beyond the pool size are closed. In the pool
 * growth scenario some sessions are returned inside an open transaction: the pool never reuses them,
 * keeps them with their result buffers, and opens replacements.
 */
export function tickDatabase({ state, instance, load, rng, t, dtMin }: TickContext): void {
  const queries = instance.operations.running.filter((op) => op.component === "database").length;
  const demand = Math.max(1, Math.round(db.activePerLoad * load + rng.normal(0, 1.5))) + queries;
  const active = instance.db.filter((conn) => conn.state === "active");
  for (const conn of active.slice(demand)) conn.state = "idle";
  let activeCount = Math.min(active.length, demand);
  for (const conn of instance.db) {
    if (activeCount >= demand) break;
    if (conn.state === "idle") {
      conn.state = "active";
      activeCount += 1;
    }
  }
  for (; activeCount < demand; activeCount += 1) instance.db.push({ state: "active", memoryMb: db.connectionMb });
  let idle = countConnections(instance, "idle");
  instance.db = instance.db.filter((conn) => {
    if (conn.state !== "idle" || activeCount + idle <= db.poolSize) return true;
    idle -= 1;
    return false;
  });
  if (!scenarioActive(state, "db-pool-growth", t)) return;
  const growth = scenarioProfile["db-pool-growth"];
  const leaks = rng.poisson(growth.leaksPerMin * load * dtMin);
  for (let i = 0; i < leaks; i += 1) {
    const conn = instance.db.find((candidate) => candidate.state === "active");
    if (!conn) return;
    conn.state = "idle_in_transaction";
    conn.memoryMb += rng.uniform(growth.heldBuffersMb[0], growth.heldBuffersMb[1]);
  }
}
