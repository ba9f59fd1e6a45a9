import net from "node:net";

export type TcpProxy = {
  port: number;
  /** The database "dies": every open connection is reset and the port refuses new ones. */
  cut(): Promise<void>;
  /** Listens again on the same port, forwarding as before. */
  restore(): Promise<void>;
  /** Accepts connections and closes them at once, as a server that is going away does. */
  acceptAndDrop(): Promise<void>;
  close(): Promise<void>;
};

/**
 * A loopback TCP forwarder in front of the real test PostgreSQL, so a test can take the
 * database away from the code under test (and give it back) without stopping the server
 * that every other test file shares.
 */
export async function startTcpProxy(options: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let mode: "forward" | "drop" = "forward";
  let server: net.Server | null = null;
  let port = 0;

  const onConnection = (client: net.Socket) => {
    if (mode === "drop") return void client.destroy();
    const upstream = net.connect(options.port, options.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => undefined);
    }
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
    client.pipe(upstream).pipe(client);
  };
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = net.createServer(onConnection);
      s.once("error", reject);
      s.listen(port, "127.0.0.1", () => {
        port = (s.address() as net.AddressInfo).port;
        server = s;
        resolve();
      });
    });
  const stopListening = async () => {
    const s = server;
    server = null;
    for (const socket of sockets) socket.resetAndDestroy();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };

  await listen();
  return {
    get port() {
      return port;
    },
    cut: stopListening,
    async restore() {
      mode = "forward";
      if (!server) await listen();
    },
    async acceptAndDrop() {
      await stopListening();
      mode = "drop";
      await listen();
    },
    close: stopListening,
  };
}

/**
 * Puts a proxy the test can cut in front of the real test database and points DATABASE_URL at it.
 * Await it before the first import of @/lib/db, which reads DATABASE_URL once.
 */
export async function proxyTestDatabase(): Promise<TcpProxy> {
  const direct = new URL(process.env.DATABASE_URL!);
  const proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port) });
  process.env.DATABASE_URL = Object.assign(new URL(direct), { port: String(proxy.port) }).toString();
  return proxy;
}
