import { readFileSync, readdirSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function statFields(pid: number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may hold spaces) start at ") ".
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}

function allStats(): { pid: number; fields: string[] }[] {
  const out: { pid: number; fields: string[] }[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      out.push({ pid: Number(entry), fields: statFields(Number(entry)) });
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

/**
 * CPU seconds of a process and all its descendants, with those already reaped (PostgreSQL's
 * postmaster and its backends, which share the bench's own process group).
 */
export function treeCpuSeconds(rootPid: number): number {
  const stats = allStats();
  const children = new Map<number, number[]>();
  for (const { pid, fields } of stats) children.set(Number(fields[1]), [...(children.get(Number(fields[1])) ?? []), pid]);
  const byPid = new Map(stats.map((s) => [s.pid, s.fields]));
  let ticks = 0;
  const visit = (pid: number, root: boolean) => {
    const fields = byPid.get(pid);
    if (!fields) return;
    ticks += Number(fields[11]) + Number(fields[12]) + (root ? Number(fields[13]) + Number(fields[14]) : 0);
    for (const child of children.get(pid) ?? []) visit(child, false);
  };
  visit(rootPid, true);
  return ticks / TICKS_PER_SECOND;
}

/** CPU seconds (user + system) used so far by every process in a process group. */
export function groupCpuSeconds(pgid: number): number {
  let ticks = 0;
  for (const { fields } of allStats()) if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
  return ticks / TICKS_PER_SECOND;
}

/** The whole machine's busy and total CPU time so far, for a busy share over a period. */
export function machineCpu(): { busy: number; total: number } {
  const [, ...values] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/);
  const n = values.map(Number);
  const idle = n[3] + n[4];
  const total = n.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/**
 * CPU milliseconds the measured processes spend per request, over `runs` sequential requests:
 * unlike latency, this hardly moves with what else the machine runs.
 */
export async function cpuPerRequest(runs: number, call: () => Promise<unknown>, processes: () => number): Promise<number> {
  const before = processes();
  for (let i = 0; i < runs; i++) await call();
  return Math.round(((processes() - before) * 1000 * 100) / runs) / 100;
}
