import { afterEach, describe, expect, it } from "vitest";
import { startTargetServer, type TargetServer } from "@/simulator/server";
import { T0 } from "./model-helpers";

let server: TargetServer | null = null;
afterEach(() => server?.close());

let wall = T0;
const memory = async () => (await fetch(`${server!.url}/api/v1/monitoring/memory`)).text();

describe("the simulator's opt-in reply cache (--reply-cache-ms)", () => {
  it("answers identical GETs with the same bytes within the window, and fresh ones after it", async () => {
    wall = T0;
    server = await startTargetServer({ port: 0, seed: 3, now: () => wall, replyCacheMs: 1_000 });
    const first = await memory();
    wall += 500;
    expect(await memory()).toBe(first);
    wall += 600;
    const later = await memory();
    expect(JSON.parse(later).timestamp).not.toBe(JSON.parse(first).timestamp);
  });

  it("is emptied by any other request, since that may change the state", async () => {
    wall = T0;
    server = await startTargetServer({ port: 0, seed: 3, now: () => wall, replyCacheMs: 60_000 });
    const first = await memory();
    wall += 500;
    await fetch(`${server.url}/_control/state`);
    expect(JSON.parse(await memory()).timestamp).not.toBe(JSON.parse(first).timestamp);
  });

  it("is off by default: every answer is computed for its request", async () => {
    wall = T0;
    server = await startTargetServer({ port: 0, seed: 3, now: () => wall });
    const first = await memory();
    wall += 500;
    expect(JSON.parse(await memory()).timestamp).not.toBe(JSON.parse(first).timestamp);
  });
});
