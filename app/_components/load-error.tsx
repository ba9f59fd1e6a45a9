"use client";

import { useEffect } from "react";

// Shown instead of a stack trace when a page cannot be rendered, most often because the
// database is not answering. The digest lets an operator find the server log line.
export function LoadError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="mx-auto mt-10 max-w-xl rounded-lg border border-crit/60 bg-crit/10 p-6" role="status">
      <h1 className="text-xl font-semibold text-crit">⚠ This page could not be loaded</h1>
      <p className="mt-2">
        The console could not read its data. If this persists, the database may be down: check{" "}
        <a href="/api/health" className="text-accent underline">/api/health</a>, which names the reason.
      </p>
      {error.digest && <p className="mt-2 text-xs text-muted">Reference: {error.digest} (in the web server&apos;s log)</p>}
      <button type="button" onClick={reset} className="mt-4 rounded-md bg-accent px-4 py-2 font-semibold text-surface">
        Try again
      </button>
    </div>
  );
}
