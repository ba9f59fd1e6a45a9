"use client";

import { useActionState, useState } from "react";
import { ActionMessage } from "@/app/(console)/_components/action-message";
import type { TargetSettings } from "@/lib/targets/get-target-settings";
import { saveRemediationSettingsAction } from "@/app/(console)/targets/[slug]/settings/actions";

export type RemediationSettingsView = TargetSettings["remediation"];

const shown = (argv: string[]) => argv.map((a) => (/^[\w./:=@-]+$/.test(a) ? a : JSON.stringify(a))).join(" ");

const field = "mt-1 w-full rounded-md border border-edge bg-surface px-3 py-2";

export function RemediationSettingsForm({ slug, settings, demo }: { slug: string; settings: RemediationSettingsView; demo: boolean }) {
  const [result, action, pending] = useActionState(saveRemediationSettingsAction, null);
  const [driver, setDriver] = useState(settings.restartDriver);
  const [commandDriver, setCommandDriver] = useState(settings.commandDriver ?? settings.commandDrivers[0]?.name ?? "");
  const chosen = settings.commandDrivers.find((d) => d.name === commandDriver);
  return (
    <form action={action} className="grid gap-4 sm:grid-cols-2">
      <input type="hidden" name="slug" value={slug} />
      {!settings.configured && (
        <p className="text-sm text-muted sm:col-span-2">
          {demo
            ? "Not configured: in demo mode the simulator's own restart hook and Redis cleanup stand in."
            : "Not configured: restarts and the Redis cleanup are unavailable for this target."}
        </p>
      )}
      <label className="text-sm">
        Restart driver
        <select name="restartDriver" value={driver} onChange={(e) => setDriver(e.target.value as typeof driver)} className={field}>
          <option value="none">none (restarts unavailable)</option>
          <option value="http">HTTP hook (POST {"{mode}"})</option>
          <option value="command">command driver (configured on the server)</option>
        </select>
      </label>
      {driver === "http" && (
        <>
          <label className="text-sm">Restart timeout (s)<input name="restartTimeoutSeconds" type="number" min={5} max={3600} defaultValue={settings.restartTimeoutSeconds} className={field} /></label>
          <label className="text-sm sm:col-span-2">Hook URL<input name="restartHookUrl" defaultValue={settings.restartHookUrl ?? ""} placeholder="http://deploy-hooks.internal/freeagentics/restart" className={field} /></label>
        </>
      )}
      {driver === "command" && (
        <div className="text-sm sm:col-span-2" data-testid="command-drivers">
          {settings.commandDriversProblem ? (
            <p role="alert" className="text-crit">✕ {settings.commandDriversProblem}</p>
          ) : settings.commandDrivers.length === 0 ? (
            <p className="text-muted">No command drivers are configured on this server. The host&apos;s operator defines them in the file named by HEADROOM_RESTART_DRIVERS_FILE.</p>
          ) : (
            <label className="block">
              Driver (defined by the host&apos;s operator in HEADROOM_RESTART_DRIVERS_FILE)
              <select name="commandDriver" value={commandDriver} onChange={(e) => setCommandDriver(e.target.value)} className={field}>
                {settings.commandDrivers.map((d) => (
                  <option key={d.name} value={d.name}>{d.name}{d.description ? ` — ${d.description}` : ""}</option>
                ))}
              </select>
            </label>
          )}
          {chosen && (
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 font-mono text-xs text-muted">
              <dt>rolling</dt><dd>{shown(chosen.rolling)}</dd>
              <dt>emergency</dt><dd>{shown(chosen.emergency)}</dd>
              <dt>runs as</dt><dd>{chosen.runAsUser ?? "the console's user (refused if that is root)"}, within {chosen.timeoutSeconds} s</dd>
            </dl>
          )}
        </div>
      )}
      <label className="text-sm">
        Redis URL {settings.maskedRedisUrl && <span className="text-muted">(now {settings.maskedRedisUrl}; leave empty to keep)</span>}
        <input name="redisUrl" placeholder="redis://:password@redis:6379/0" autoComplete="off" className={field} />
      </label>
      <label className="text-sm">Expired-key pattern<input name="redisKeyPattern" defaultValue={settings.redisKeyPattern} className={`${field} font-mono`} /></label>
      {settings.maskedRedisUrl && (
        <label className="flex items-center gap-2 text-sm"><input name="clearRedisUrl" type="checkbox" className="h-4 w-4" /> Forget the Redis URL</label>
      )}
      <div className="flex items-center gap-3 sm:col-span-2">
        <button type="submit" disabled={pending} className="rounded-md bg-accent px-4 py-2 font-semibold text-surface disabled:opacity-60">{pending ? "Saving…" : "Save remediation settings"}</button>
        <ActionMessage result={result} testId="remediation-settings-result" />
      </div>
    </form>
  );
}
