import type { Server } from "node:http";

/**
 * Opens and closes the TCP listener of a server. Closing it for real (and dropping kept-alive
 * sockets) is what makes clients see "connection refused" during a restart, as they would in production.
 */
export function createListener(server: Server, host: string) {
  let port = 0;
  return {
    listening: (): boolean => server.listening,
    open(wanted: number = port): Promise<number> {
      return new Promise((resolve, reject) => {
        const onError = (error: Error) => reject(error);
        server.once("error", onError);
        server.listen(wanted, host, () => {
          server.off("error", onError);
          const address = server.address();
          port = typeof address === "object" && address ? address.port : wanted;
          resolve(port);
        });
      });
    },
    /** Stops accepting at once; `force` also cuts requests in flight, otherwise they may finish. */
    close(force = true): Promise<void> {
      if (!server.listening) return Promise.resolve();
      return new Promise((resolve) => {
        server.close(() => resolve());
        if (force) server.closeAllConnections();
        else server.closeIdleConnections();
      });
    },
  };
}
export type Listener = ReturnType<typeof createListener>;
