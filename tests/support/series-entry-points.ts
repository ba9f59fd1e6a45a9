import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { GET } from "@/app/api/v1/targets/[slug]/memory/route";
import { trustedProxies } from "@/lib/http/client-address";
import { directSeriesSlug, serveSeriesDirectly } from "@/supervisor/serve-series-directly";

export type SeriesRead = { slug: string; search?: string; authorization?: string; ip?: string };
export type SeriesEntryPoint = { name: string; read(options: SeriesRead): Promise<Response> };

/** Through Next's route handler, with the client address as proxy.ts hands it on. */
const nextRoute: SeriesEntryPoint = {
  name: "the Next route",
  read: ({ slug, search = "", authorization, ip }) =>
    GET(new Request(`http://test/api/v1/targets/${slug}/memory${search}`, { headers: { ...(authorization !== undefined ? { authorization } : {}), ...(ip ? { "x-headroom-client-ip": ip } : {}) } }), {
      params: Promise.resolve({ slug }),
    }),
};

let server: Promise<Server> | null = null;
/** The web server's direct path, over real HTTP; loopback is a trusted proxy so the test can name the client's address. */
function directServer(): Promise<Server> {
  server ??= new Promise((resolve) => {
    const trusted = trustedProxies(["127.0.0.1", "::1"]);
    const created = createServer((request, response) => {
      const slug = directSeriesSlug(request);
      if (slug === null) response.writeHead(404).end("not a direct series read");
      else void serveSeriesDirectly({ request, response, slug, trusted });
    });
    created.listen(0, "127.0.0.1", () => resolve(created));
  });
  return server;
}

const directPath: SeriesEntryPoint = {
  name: "the web server's direct path",
  async read({ slug, search = "", authorization, ip }) {
    const { port } = (await directServer()).address() as AddressInfo;
    return fetch(`http://127.0.0.1:${port}/api/v1/targets/${encodeURIComponent(slug)}/memory${search}`, {
      headers: { ...(authorization !== undefined ? { authorization } : {}), ...(ip ? { "x-forwarded-for": ip } : {}) },
    });
  },
};

export const SERIES_ENTRY_POINTS = [nextRoute, directPath];

export async function closeDirectServer(): Promise<void> {
  const running = await server;
  server = null;
  await new Promise<void>((resolve) => (running ? running.close(() => resolve()) : resolve()));
}
