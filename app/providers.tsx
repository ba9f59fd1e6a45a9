"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { ClockProvider } from "@/app/_components/clock";

export function Providers({ timeZone, renderedAt, children }: { timeZone: string; renderedAt: number; children: React.ReactNode }) {
  const [client] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 10_000, refetchOnWindowFocus: true } } }),
  );
  return (
    <QueryClientProvider client={client}>
      <ClockProvider timeZone={timeZone} renderedAt={renderedAt}>
        {children}
      </ClockProvider>
    </QueryClientProvider>
  );
}
