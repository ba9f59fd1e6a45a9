import { execFileSync } from "node:child_process";
import { accessSync, constants, cpSync, existsSync, mkdirSync, statSync } from "node:fs";
import path from "node:path";

// PostgreSQL refuses to run as root. As root we run it as the `postgres` system user, which
// must be able to reach both the binaries and the data directory; a checkout under a mode-700
// directory (like /root) is reachable by neither, so those are moved to /var/lib/headroom.
export const ROOT_FALLBACK_DIR = "/var/lib/headroom";

export type PostgresUser = { uid: number; gid: number; name: string } | null;

export function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

/** The user PostgreSQL runs as: null means "the current user" (not root). */
export function ensurePostgresUser(): PostgresUser {
  if (!isRoot()) return null;
  const lookup = () => {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    return { uid, gid, name: "postgres" };
  };
  try {
    return lookup();
  } catch {
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "postgres"]);
    return lookup();
  }
}

/** True when every ancestor of `target` can be traversed by a user who is neither owner nor group. */
export function reachableByOthers(target: string): boolean {
  let current = path.resolve(target);
  while (true) {
    if (existsSync(current)) {
      const mode = statSync(current).mode;
      if ((mode & 0o001) === 0) return false;
    }
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

/** A copy of the PostgreSQL distribution that `user` can execute (copied once per version). */
export function reachableBinaries(nativeDir: string, version: string, user: PostgresUser): string {
  if (!user || reachableByOthers(path.join(nativeDir, "bin", "postgres"))) return nativeDir;
  const copy = path.join(ROOT_FALLBACK_DIR, `postgresql-${version}`);
  if (!existsSync(path.join(copy, "bin", "postgres"))) {
    mkdirSync(ROOT_FALLBACK_DIR, { recursive: true, mode: 0o755 });
    cpSync(nativeDir, `${copy}.partial`, { recursive: true, verbatimSymlinks: true });
    execFileSync("mv", [`${copy}.partial`, copy]);
  }
  accessSync(path.join(copy, "bin", "postgres"), constants.X_OK);
  return copy;
}
