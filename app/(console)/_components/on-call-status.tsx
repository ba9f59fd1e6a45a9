"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import type { OnCallSummary } from "@/lib/incidents/get-on-call-summary";
import { fetchJson } from "@/lib/console/fetch-json";

const PREFIX = /^\((SEV-1|SEV-2)\) /;

/** The layout's counts, refreshed every 15 s; the navigation and the tab title read them. */
export function useOnCallSummary(initial: OnCallSummary): OnCallSummary {
  const query = useQuery({
    queryKey: ["console", "on-call"],
    queryFn: () => fetchJson<OnCallSummary>("/api/console/on-call"),
    initialData: initial,
    refetchInterval: 15_000,
  });
  return query.data;
}

/**
 * Puts the worst firing severity in front of the page's own title ("(SEV-1) Overview · Headroom").
 * Next sets the title on every navigation, so the prefix is put back whenever the title changes.
 */
export function useSeverityTitle(severity: OnCallSummary["worstSeverity"]) {
  useEffect(() => {
    const apply = () => {
      const base = document.title.replace(PREFIX, "");
      const wanted = severity ? `(${severity}) ${base}` : base;
      if (document.title !== wanted) document.title = wanted;
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => {
      observer.disconnect();
      document.title = document.title.replace(PREFIX, "");
    };
  }, [severity]);
}

/** A count beside a navigation link; absent at zero so that a quiet console looks quiet. */
export function NavCount({ count, label, tone, testId }: { count: number; label: string; tone: "crit" | "warn"; testId: string }) {
  if (count === 0) return null;
  return (
    <span
      data-testid={testId}
      className={`ml-1.5 inline-flex min-w-5 items-center justify-center rounded-full px-1.5 text-xs font-bold tabular-nums ${tone === "crit" ? "bg-crit text-surface" : "bg-warn text-surface"}`}
    >
      {count}
      <span className="sr-only"> {label}</span>
    </span>
  );
}
