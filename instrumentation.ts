// Runs once when the Next server starts (https://nextjs.org/docs/app/guides/instrumentation).
export async function register() {
  // NEXT_RUNTIME is Next's own switch, read before lib/env could be loaded in the edge bundle.
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { stampPeerAddresses } = await import("@/lib/http/peer-address");
    stampPeerAddresses();
  }
}
