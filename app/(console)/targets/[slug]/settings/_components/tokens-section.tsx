"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/app/(console)/_components/action-message";
import { LocalTime } from "@/app/(console)/_components/local-time";
import { createTokenAction, revokeTokenAction } from "@/app/(console)/targets/[slug]/settings/actions";

type Token = { id: number; name: string; tokenPrefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };

function RevokeButton({ slug, tokenId }: { slug: string; tokenId: number }) {
  const [result, action, pending] = useActionState(revokeTokenAction, null);
  return (
    <form action={action} className="inline">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="tokenId" value={tokenId} />
      <button type="submit" disabled={pending} className="rounded border border-crit/60 px-2 py-0.5 text-crit">Revoke</button>
      {result && !result.ok && <ActionMessage result={result} />}
    </form>
  );
}

export function TokensSection({ slug, tokens }: { slug: string; tokens: Token[] }) {
  const [created, create, pending] = useActionState(createTokenAction, null);
  return (
    <div className="space-y-4">
      <form action={create} className="flex flex-wrap items-end gap-3">
        <input type="hidden" name="slug" value={slug} />
        <label className="text-sm">Client name<input name="name" placeholder="e.g. prometheus-remote" required className="mt-1 block rounded-md border border-edge bg-surface px-3 py-2" /></label>
        <button type="submit" disabled={pending} className="rounded-md bg-accent px-4 py-2 font-semibold text-surface disabled:opacity-60">Create token</button>
      </form>
      <ActionMessage result={created} testId="token-result" />
      {created?.token && (
        <p className="wrap-anywhere rounded-md border border-warn/60 bg-warn/10 p-3 font-mono text-sm" data-testid="new-token">{created.token}</p>
      )}
      {tokens.length === 0 ? <p className="text-sm text-muted">No tokens: nothing can push to this target yet.</p> : (
        <table className="w-full text-sm">
          <thead className="text-left text-muted"><tr><th>Name</th><th>Token</th><th>Created</th><th>Last used</th><th>Status</th></tr></thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id} className="border-t border-edge">
                <td className="py-1">{t.name}</td>
                <td className="font-mono text-xs">{t.tokenPrefix}…</td>
                <td><LocalTime iso={t.createdAt} /></td>
                <td>{t.lastUsedAt ? <LocalTime iso={t.lastUsedAt} /> : "never"}</td>
                <td>{t.revokedAt ? <span className="text-muted">revoked</span> : <RevokeButton slug={slug} tokenId={t.id} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
