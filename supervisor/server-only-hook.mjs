// A module resolve hook for supervisor/web-server.ts: `server-only` resolves as Next resolves it
// on the server (its react-server export, an empty module), so that the web server can load lib
// modules marked server-only for the direct series path. Nothing else changes resolution: Next,
// in the same process, must still see React's ordinary exports.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "server-only") return nextResolve(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
  return nextResolve(specifier, context);
}
