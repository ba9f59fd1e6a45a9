"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { acknowledgeIncidentAction } from "@/app/(console)/incidents/actions";

/**
 * "I have it": one click, from the overview card, the target's summary or the incident page.
 * The server decides (role, already acknowledged, resolved); a refusal is shown where it was asked.
 */
export function AcknowledgeButton({ incidentId, compact = false }: { incidentId: number; compact?: boolean }) {
  const client = useQueryClient();
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function acknowledge() {
    setPending(true);
    setError(null);
    const result = await acknowledgeIncidentAction({ incidentId }).catch((e: Error) => ({ ok: false as const, message: `The console did not answer: ${e.message}` }));
    setPending(false);
    if (!result.ok) setError(result.message);
    await client.invalidateQueries({ queryKey: ["targets"] });
    await client.invalidateQueries({ queryKey: ["console", "on-call"] });
    router.refresh();
  }
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <button
        type="button"
        onClick={acknowledge}
        disabled={pending}
        data-testid={`acknowledge-${incidentId}`}
        className={`rounded-md border border-warn bg-warn/15 font-semibold text-warn hover:bg-warn/25 disabled:opacity-60 ${compact ? "px-2 py-0.5 text-xs" : "px-3 py-1 text-sm"}`}
      >
        {pending ? "Acknowledging…" : `Acknowledge #${incidentId}`}
      </button>
      {error && <span role="status" className="text-xs text-crit">✕ {error}</span>}
    </span>
  );
}
