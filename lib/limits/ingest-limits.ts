import "server-only";
import { lockout, type Lockout, type LockoutPolicy } from "./lockout";

// Bad ingest tokens per client address: 20 in 10 minutes free (a pusher with a revoked token
// retrying), then 30 s doubling up to 15 min, during which every push from that address is
// refused unchecked (decision 0010: fix or remove the pusher with the stale token).
export const INGEST_ADDRESS_POLICY: LockoutPolicy = { name: "ingest-address", freeFailures: 20, windowSeconds: 600, firstLockSeconds: 30, maxLockSeconds: 15 * 60 };

let addresses: Lockout | undefined;
const limit = () => (addresses ??= lockout(INGEST_ADDRESS_POLICY));
/** The key an address is limited under (requests without one share a key). */
export const addressKey = (ip: string | null) => ip ?? "unknown";

export const ingestLockedFor = (ip: string | null) => limit().lockedFor(addressKey(ip));
export const countBadIngestToken = (ip: string | null) => limit().fail(addressKey(ip));
