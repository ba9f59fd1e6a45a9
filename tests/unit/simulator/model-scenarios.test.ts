import { describe, expect, it } from "vitest";
import { limits } from "@/simulator/model/profile";
import { HOUR, MINUTE, part, runScenario, type Frame } from "./model-helpers";

const values = (frames: Frame[], path: Parameters<typeof part>[1]) => frames.map((frame) => part(frame, path));
const hourly = (frames: Frame[]) => frames.filter((frame) => (frame.t - frames[0].t) % HOUR === 0);
const isNonDecreasing = (series: number[]) => series.every((value, i) => i === 0 || value >= series[i - 1] - 1e-9);

describe("scenario growth shapes", () => {
  it("steady: stays well below the alert threshold and none of the leak signatures appear", () => {
    const { model, frames } = runScenario("steady", { hours: 24, stepMin: 15 });
    const percents = frames.map((frame) => (frame.memory.usedMb / limits.memoryLimitMb) * 100);
    expect(Math.max(...percents)).toBeLessThan(70);
    expect(Math.min(...percents)).toBeGreaterThan(25);
    for (const path of [
      "agent_system.orphaned_agents",
      "redis.keys_without_ttl",
      "database.idle_in_transaction",
      "api_service.websocket_send_queues",
    ] as const) {
      expect(Math.max(...values(frames, path)), path).toBe(0);
    }
    expect(model.events).toEqual([]);
  });

  it("leak: orphaned agents accumulate gradually and are never released on their own", () => {
    const { frames } = runScenario("leak", { hours: 4 });
    const orphaned = values(frames, "agent_system.orphaned_agents");
    expect(isNonDecreasing(orphaned)).toBe(true);
    const perHour = values(hourly(frames), "agent_system.orphaned_agents");
    for (let h = 1; h < perHour.length; h += 1) expect(perHour[h] - perHour[h - 1]).toBeGreaterThan(100);
    expect(orphaned.at(-1)).toBeGreaterThan(500);
    expect(Math.max(...values(frames, "redis.keys_without_ttl"))).toBe(0);
  });

  it("spike: a large import takes memory within minutes and gives it back when it finishes", () => {
    const { frames } = runScenario("spike", { hours: 3, stepMin: 1 });
    const used = frames.map((frame) => frame.memory.usedMb);
    let biggestRise = 0;
    let peakAt = 0;
    for (let i = 3; i < used.length; i += 1) {
      if (used[i] - used[i - 3] > biggestRise) {
        biggestRise = used[i] - used[i - 3];
        peakAt = i;
      }
    }
    expect(biggestRise).toBeGreaterThan(800);
    const before = used[peakAt - 3];
    const recovered = used.slice(peakAt).findIndex((value) => value < before + 300);
    expect(recovered).toBeGreaterThan(5);
    expect(recovered).toBeLessThan(25);
  });

  it("large belief states: a few long-lived agents grow without bound while the rest stay small", () => {
    const { model } = runScenario("large-beliefs", { hours: 3 });
    const beliefs = model.instance.agents.map((agent) => agent.beliefMb).sort((a, b) => b - a);
    expect(beliefs[4]).toBeGreaterThan(40);
    const small = beliefs.filter((mb) => mb <= 5).length;
    expect(small / beliefs.length).toBeGreaterThan(0.8);
    const { model: steady } = runScenario("steady", { hours: 3 });
    expect(Math.max(...steady.instance.agents.map((agent) => agent.beliefMb))).toBeLessThanOrEqual(5);
  });

  it("redis bloat: exp:* keys without a TTL grow steadily, every hour", () => {
    const perHour = values(hourly(runScenario("redis-bloat", { hours: 4 }).frames), "redis.keys_without_ttl");
    for (let h = 1; h < perHour.length; h += 1) {
      expect(perHour[h] - perHour[h - 1]).toBeGreaterThan(120);
      expect(perHour[h] - perHour[h - 1]).toBeLessThan(350);
    }
  });

  it("database pool growth: connections left idle in transaction pile up with their buffers", () => {
    const { model, frames } = runScenario("db-pool-growth", { hours: 3 });
    expect(isNonDecreasing(values(frames, "database.idle_in_transaction"))).toBe(true);
    expect(part(frames.at(-1)!, "database.idle_in_transaction")).toBeGreaterThan(400);
    expect(model.instance.db.filter((conn) => conn.state === "idle_in_transaction").length).toBeGreaterThan(40);
  });

  it("WebSocket leak: unread send queues make the growth accelerate before it levels off", () => {
    const frames = hourly(runScenario("websocket-leak", { hours: 3 }).frames);
    const leaked = frames.map((frame) => part(frame, "api_service.websocket_send_queues"));
    const firstHour = leaked[1] - leaked[0];
    const secondHour = leaked[2] - leaked[1];
    expect(firstHour).toBeGreaterThan(20);
    expect(secondHour).toBeGreaterThan(firstHour * 1.5);
  });

  it("a leak left alone ends in an out-of-memory kill and a fresh process 30 s later", () => {
    const { model, frames } = runScenario("websocket-leak", { hours: 8, stepMin: 5 });
    const kill = model.events.find((event) => event.type === "oom_killed");
    expect(kill).toBeDefined();
    const restart = model.events.find((event) => event.type === "restarted");
    expect(restart && restart.atMs - kill!.atMs).toBe(30_000);
    const after = frames.find((frame) => frame.t > kill!.atMs + 5 * MINUTE)!;
    expect(after.memory.usedMb).toBeLessThan(limits.memoryLimitMb * 0.6);
  });
});
