import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { outboundRefusal } from "@/lib/net/outbound-allowlist";

/** Why the console may not call this URL under HEADROOM_OUTBOUND_ALLOWLIST, or null (always null without one). */
export function outboundRefusalOf(url: string): Promise<string | null> {
  return outboundRefusal(url, env().HEADROOM_OUTBOUND_ALLOWLIST);
}

/** Save time: a URL outside the allow-list is refused as bad input naming the form's field. */
export async function assertOutboundAllowed(options: { url: string; field: string }): Promise<void> {
  const refusal = await outboundRefusalOf(options.url);
  if (refusal) throw new AppError("INVALID_INPUT", `${options.field}: ${refusal}`, { fieldErrors: { [options.field]: refusal } });
}
