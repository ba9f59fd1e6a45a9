"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { z } from "zod";
import { ClockProvider } from "@/app/_components/clock";

// Zod probes whether it may compile parsers with Function(); the CSP forbids that (no
// 'unsafe-eval'), and the probe alone is reported as a violation. Parse without compiling.
z.config({ jitless: true });

export function Providers({ timeZone, renderedAt, children }: { timeZone: string; renderedAt: number; children: React.ReactNode }) {
  const [client] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 10_000, refetchOnWindowFocus: true } } }),
  );
  // Says the page now answers clicks and typing (before hydration both are lost): the e2e
  // fixtures wait for it after every navigation, as a person would for a slow page.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <QueryClientProvider client={client}>
      <ClockProvider timeZone={timeZone} renderedAt={renderedAt}>
        {children}
      </ClockProvider>
    </QueryClientProvider>
  );
}
