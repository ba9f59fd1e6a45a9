import type { Metadata } from "next";
import { cookies } from "next/headers";
import "./globals.css";
import { Providers } from "@/app/providers";
import { renderTimeZone, TIME_ZONE_COOKIE } from "@/lib/time-zone";

export const metadata: Metadata = {
  title: { default: "Headroom", template: "%s · Headroom" },
  description: "Incident console for memory pressure",
  icons: { icon: [{ url: "/favicon.ico", sizes: "32x32" }, { url: "/icon.svg", type: "image/svg+xml" }] },
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const timeZone = renderTimeZone((await cookies()).get(TIME_ZONE_COOKIE)?.value);
  return (
    <html lang="en">
      <body className="min-h-screen antialiased">
        <Providers timeZone={timeZone} renderedAt={Date.now()}>
          {children}
        </Providers>
      </body>
    </html>
  );
}
