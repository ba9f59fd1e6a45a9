import { readFileSync, readdirSync } from "node:fs";

/** Resident set size in MB from /proc/<pid>/status (VmRSS), or null once the process is gone. */
export function rssMb(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Math.round(Number(match[1]) / 102.4) / 10 : null;
  } catch {
    return null;
  }
}

function descendants(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const out: number[] = [];
  const visit = (pid: number) => {
    out.push(pid);
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(rootPid);
  return out;
}

/**
 * The process that does the work under a supervised pid: the supervisor starts web and worker
 * through the tsx CLI, which runs the script in a node child of its own, so the logged pid is a
 * thin wrapper. The largest RSS in the tree is the server; the whole tree's is reported beside it.
 */
export function serverRss(rootPid: number): { pid: number; rss_mb: number; tree_rss_mb: number } | null {
  const measured = descendants(rootPid)
    .map((pid) => ({ pid, rss: rssMb(pid) }))
    .filter((p): p is { pid: number; rss: number } => p.rss !== null);
  if (measured.length === 0) return null;
  const largest = measured.reduce((a, b) => (b.rss > a.rss ? b : a));
  const tree = measured.reduce((sum, p) => sum + p.rss, 0);
  return { pid: largest.pid, rss_mb: largest.rss, tree_rss_mb: Math.round(tree * 10) / 10 };
}
