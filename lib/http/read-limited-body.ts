/** A request's or a response's body: both are read with the same cap. */
type WithBody = Pick<Request, "headers" | "body">;

/** The body as text, or null when it is larger than `maxBytes` (checked while reading). */
export async function readLimitedBody(request: WithBody, maxBytes: number): Promise<string | null> {
  const bytes = await readLimitedBytes(request, maxBytes);
  return bytes === null ? null : bytes.toString("utf8");
}

/** The body as bytes, or null when it is larger than `maxBytes` (checked while reading; the rest is not read). */
export async function readLimitedBytes(request: WithBody, maxBytes: number): Promise<Buffer | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) {
    await request.body?.cancel().catch(() => undefined);
    return null;
  }
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
