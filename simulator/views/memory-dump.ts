import { componentKeys, type ComponentKey, type HeapObject, type MemoryDump } from "@/lib/target-api/schemas";
import { coalitionMb } from "../model/coalitions";
import { measureMemory } from "../model/measure";
import { limits } from "../model/profile";
import type { ModelState } from "../model/types";
import { iso, round1 } from "./format";
import { instanceView } from "./memory-views";

/** One record per sampled block: enough detail to see who holds what, small enough to download (a few MB). */
const SAMPLE_BYTES = 64 * 1024;
const batchSize = 256;

type Holder = { component: ComponentKey; type: string; owner: string | null; referrers: string[]; mb: number; ageMs: number };

/** Who holds the memory, object kind by object kind; Redis is another process and has no objects here. */
function holders(state: ModelState): Holder[] {
  const { instance, nowMs } = state;
  const parts = measureMemory(state).components;
  const api = parts.api_service.parts;
  const list: Holder[] = [
    { component: "api_service", type: "module", owner: null, referrers: ["sys.modules"], mb: api.runtime, ageMs: nowMs - instance.startedAtMs },
    { component: "api_service", type: "Request", owner: null, referrers: ["RequestQueue"], mb: api.request_queue, ageMs: 0 },
    { component: "api_service", type: "WebSocketConnection", owner: null, referrers: ["ConnectionManager"], mb: api.websocket_connections, ageMs: 0 },
    { component: "api_service", type: "collections.deque", owner: null, referrers: ["WebSocketConnection.send_queue"], mb: api.websocket_send_queues, ageMs: 0 },
    { component: "cache", type: "CacheEntry", owner: null, referrers: ["LRUCache"], mb: instance.cache.liveMb, ageMs: 0 },
    { component: "cache", type: "CacheEntry(expired)", owner: null, referrers: ["LRUCache"], mb: instance.cache.expiredMb, ageMs: 0 },
  ];
  for (const key of ["api_service", "agent_system", "database"] as const) {
    list.push({ component: key, type: "<unreachable cycle>", owner: null, referrers: [], mb: instance.garbage[key], ageMs: 0 });
  }
  for (const agent of instance.agents) {
    const referrers = agent.status === "orphaned" ? [`CoalitionRegistry[${agent.coalitionId}]`] : ["AgentPool"];
    const ageMs = nowMs - agent.createdAtMs;
    list.push({ component: "agent_system", type: "Agent", owner: agent.id, referrers, mb: agent.baseMb, ageMs });
    list.push({ component: "agent_system", type: "BeliefState", owner: agent.id, referrers: [`Agent[${agent.id}]`], mb: agent.beliefMb, ageMs });
  }
  for (const coalition of instance.coalitions) {
    list.push({ component: "agent_system", type: "Coalition", owner: coalition.id, referrers: ["CoalitionRegistry"], mb: coalitionMb(coalition), ageMs: 0 });
  }
  for (const [index, conn] of instance.db.entries()) {
    const type = conn.state === "idle_in_transaction" ? "Connection(idle in transaction)" : "Connection";
    list.push({ component: "database", type, owner: `conn-${index + 1}`, referrers: ["QueuePool"], mb: conn.memoryMb, ageMs: 0 });
  }
  for (const op of instance.operations.running) {
    list.push({ component: op.component, type: `OperationContext(${op.type})`, owner: op.id, referrers: ["OperationTracker"], mb: op.heldMb, ageMs: nowMs - op.startedAtMs });
  }
  return list.filter((holder) => holder.mb > 0);
}

/** The dump as JSON text chunks, generated lazily so the server can stream megabytes without building them in memory. */
export function* memoryDumpChunks(state: ModelState): Generator<string> {
  const memory = measureMemory(state);
  const list = holders(state);
  const blocks = list.map((holder) => Math.max(1, Math.round((holder.mb * 1024 * 1024) / SAMPLE_BYTES)));
  const header: Omit<MemoryDump, "objects"> = {
    format: "freeagentics-heap-dump",
    version: 1,
    created_at: iso(state.nowMs),
    instance: instanceView(state),
    summary: {
      used_mb: round1(memory.usedMb),
      limit_mb: limits.memoryLimitMb,
      components: Object.fromEntries(componentKeys.map((key) => [key, round1(memory.components[key].usedMb)])) as MemoryDump["summary"]["components"],
      sample_bytes: SAMPLE_BYTES,
    },
    object_count: blocks.reduce((total, n) => total + n, 0),
  };
  yield `${JSON.stringify(header).slice(0, -1)},"objects":[`;
  let address = 0x7f0000000000;
  let batch: string[] = [];
  let first = true;
  for (const [index, holder] of list.entries()) {
    const size = Math.round((holder.mb * 1024 * 1024) / blocks[index]);
    for (let block = 0; block < blocks[index]; block += 1) {
      const object: HeapObject = {
        address: `0x${address.toString(16)}`,
        type: holder.type,
        component: holder.component,
        size_bytes: size,
        owner: holder.owner,
        referrers: holder.referrers,
        age_s: round1(Math.max(0, holder.ageMs) / 1000),
      };
      address += SAMPLE_BYTES;
      batch.push(JSON.stringify(object));
      if (batch.length === batchSize) {
        yield (first ? "" : ",") + batch.join(",");
        first = false;
        batch = [];
      }
    }
  }
  yield `${batch.length && !first ? "," : ""}${batch.join(",")}]}`;
}
