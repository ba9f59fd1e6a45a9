import { connect as connectTcp, type Socket } from "node:net";
import { connect as connectTls } from "node:tls";

// A minimal RESP2 client: enough for SCAN, UNLINK, INFO, AUTH and SELECT, without adding a
// dependency. Bulk strings stay Buffers so binary key names are deleted exactly as stored.

export type RespValue = string | number | Buffer | null | RespValue[] | RedisReplyError;

export class RedisReplyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RedisReplyError";
  }
}

export class RedisConnectionError extends Error {
  constructor(
    message: string,
    readonly kind: "timeout" | "refused" | "protocol",
  ) {
    super(message);
    this.name = "RedisConnectionError";
  }
}

type Parsed = { value: RespValue; next: number };

/** Parses one reply starting at `offset`, or returns null when the buffer does not hold all of it yet. */
export function parseReply(buf: Buffer, offset: number): Parsed | null {
  if (offset >= buf.length) return null;
  const lineEnd = buf.indexOf("\r\n", offset);
  if (lineEnd < 0) return null;
  const prefix = String.fromCharCode(buf[offset]);
  const line = buf.toString("utf8", offset + 1, lineEnd);
  const afterLine = lineEnd + 2;
  switch (prefix) {
    case "+":
      return { value: line, next: afterLine };
    case "-":
      return { value: new RedisReplyError(line), next: afterLine };
    case ":":
      return { value: Number(line), next: afterLine };
    case "$": {
      const length = Number(line);
      if (length < 0) return { value: null, next: afterLine };
      if (buf.length < afterLine + length + 2) return null;
      return { value: buf.subarray(afterLine, afterLine + length), next: afterLine + length + 2 };
    }
    case "*": {
      const count = Number(line);
      if (count < 0) return { value: null, next: afterLine };
      const items: RespValue[] = [];
      let position = afterLine;
      for (let i = 0; i < count; i += 1) {
        const item = parseReply(buf, position);
        if (!item) return null;
        items.push(item.value);
        position = item.next;
      }
      return { value: items, next: position };
    }
    default:
      throw new RedisConnectionError(`unexpected reply type "${prefix}" from Redis`, "protocol");
  }
}

export function encodeCommand(args: readonly (string | number | Buffer)[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const arg of args) {
    const bytes = Buffer.isBuffer(arg) ? arg : Buffer.from(String(arg));
    parts.push(Buffer.from(`$${bytes.length}\r\n`), bytes, Buffer.from("\r\n"));
  }
  return Buffer.concat(parts);
}

export type RedisConnection = {
  command(args: readonly (string | number | Buffer)[]): Promise<RespValue>;
  close(): Promise<void>;
};

/** Connects to `redis://[user:password@]host[:port][/db]` (or rediss:// for TLS), authenticating and selecting the database. */
export async function connectRedis(url: string, options: { timeoutMs: number }): Promise<RedisConnection> {
  const parsed = new URL(url);
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  const port = Number(parsed.port || 6379);
  const socket: Socket =
    parsed.protocol === "rediss:" ? connectTls({ host, port, servername: host }) : connectTcp({ host, port });
  socket.setTimeout(options.timeoutMs);
  const pending: { resolve: (v: RespValue) => void; reject: (e: Error) => void }[] = [];
  let buffer: Buffer = Buffer.alloc(0);
  let failure: Error | null = null;

  const failAll = (error: Error) => {
    failure ??= error;
    for (const waiter of pending.splice(0)) waiter.reject(failure);
    socket.destroy();
  };
  socket.on("data", (chunk: Buffer) => {
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
    try {
      for (let parsedReply = parseReply(buffer, 0); parsedReply; parsedReply = parseReply(buffer, 0)) {
        buffer = buffer.subarray(parsedReply.next);
        pending.shift()?.resolve(parsedReply.value);
      }
    } catch (error) {
      failAll(error as Error);
    }
  });
  socket.on("timeout", () => failAll(new RedisConnectionError(`Redis at ${host}:${port} did not answer within ${options.timeoutMs} ms`, "timeout")));
  socket.on("error", (error: NodeJS.ErrnoException) =>
    failAll(new RedisConnectionError(`Could not reach Redis at ${host}:${port}: ${error.code ?? error.message}`, "refused")),
  );
  socket.on("close", () => failAll(new RedisConnectionError(`Redis at ${host}:${port} closed the connection`, "refused")));

  await new Promise<void>((resolve, reject) => {
    socket.once(parsed.protocol === "rediss:" ? "secureConnect" : "connect", () => resolve());
    socket.once("error", () => reject(failure));
    socket.once("timeout", () => reject(failure));
  });

  const connection: RedisConnection = {
    command(args) {
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        pending.push({ resolve, reject });
        socket.write(encodeCommand(args));
      });
    },
    async close() {
      if (failure) return;
      await connection.command(["QUIT"]).catch(() => undefined);
      socket.destroy();
    },
  };
  const password = decodeURIComponent(parsed.password);
  const username = decodeURIComponent(parsed.username);
  if (password) await expectOk(connection, username ? ["AUTH", username, password] : ["AUTH", password]);
  const db = parsed.pathname.replace(/^\//, "");
  if (db) await expectOk(connection, ["SELECT", db]);
  return connection;
}

async function expectOk(connection: RedisConnection, args: string[]): Promise<void> {
  const reply = await connection.command(args);
  if (reply instanceof RedisReplyError) {
    await connection.close();
    throw reply;
  }
}
