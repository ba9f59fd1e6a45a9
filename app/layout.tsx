import type { Metadata } from "next";
import { connection } from "next/server";
import { cookies } from "next/headers";
import "./globals.css";
import { Providers } from "@/app/providers";
import { renderClock, TIME_ZONE_COOKIE } from "@/lib/time-zone";

export const metadata: Metadata = {
  title: { default: "Headroom", template: "%s · Headroom" },
  description: "Incident console for memory pressure",
  icons: { icon: [{ url: "/favicon.ico", sizes: "32x32" }, { url: "/icon.svg", type: "image/svg+xml" }] },
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request, the 404 page too: Next can put the CSP nonce of this
  // response (proxy.ts) only on scripts of a page it renders now, never on a prerendered one.
  await connection();
  const { timeZone, renderedAt } = renderClock((await cookies()).get(TIME_ZONE_COOKIE)?.value);
  return (
    <html lang="en">
      <body className="min-h-screen antialiased">
        <Providers timeZone={timeZone} renderedAt={renderedAt}>
          {children}
        </Providers>
      </body>
    </html>
  );
}
