import http from "node:http";

/** Set on every request from its socket's address; a client's own value is replaced, never trusted. */
export const PEER_ADDRESS_HEADER = "x-headroom-peer-address";

const PATCHED = Symbol.for("headroom.peer-address");

/**
 * Next's route handlers never see the socket, and the x-forwarded-for it adds keeps whatever a
 * client sent. So the web process stamps each request's real peer address on its way in (called
 * once from instrumentation.ts), which is what GET /metrics trusts for "loopback".
 */
export function stampPeerAddresses(): void {
  const proto = http.Server.prototype as http.Server & { [PATCHED]?: true };
  if (proto[PATCHED]) return;
  proto[PATCHED] = true;
  const emit = proto.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as http.IncomingMessage;
      request.headers[PEER_ADDRESS_HEADER] = request.socket?.remoteAddress ?? "";
    }
    return emit.call(this, event, ...args);
  } as typeof proto.emit;
}
