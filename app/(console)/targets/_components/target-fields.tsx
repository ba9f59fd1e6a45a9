"use client";

import { useState } from "react";
import { PRESETS, TARGET_KINDS, type TargetKind } from "@/lib/targets/target-definition";

export type TargetFormValues = {
  slug: string;
  name: string;
  kind: TargetKind;
  url: string;
  preset: string;
  usedMetric: string;
  limitMetric: string;
  matchLabels: string;
  memoryLimitMb: string;
  scrapeIntervalSeconds: string;
  enabled: boolean;
  /** The stored diagnostics URL with its password as `****`; the field itself starts empty. */
  maskedDiagnosticsDatabaseUrl: string | null;
};

// Browsers compile `pattern` with the v flag, where a literal "-" in a class must be escaped.
const SLUG_PATTERN = String.raw`[a-z0-9][a-z0-9\-]{0,62}`;
const field = "mt-1 w-full rounded-md border border-edge bg-surface px-3 py-2";
const KIND_HELP: Record<TargetKind, string> = {
  "runbook-api": "A service that implements the runbook API (docs/target-api.md): every panel and action.",
  prometheus: "Any Prometheus text or OpenMetrics endpoint, read through a preset or metric names: memory, alerts, forecast, diagnosis.",
  push: "Not scraped: samples arrive through remote_write or the ingest API, with an ingest token.",
};
const URL_HINT: Record<TargetKind, string> = { "runbook-api": "http://10.0.0.5:8000", prometheus: "http://10.0.0.5:9100/metrics", push: "" };

/** The provisioning file's fields as a form: which ones show depends on the kind and the preset. */
export function TargetFields({ initial, creating, readOnly }: { initial: TargetFormValues; creating: boolean; readOnly: boolean }) {
  const [kind, setKind] = useState<TargetKind>(initial.kind);
  const [preset, setPreset] = useState(initial.preset || (initial.usedMetric ? "" : "process"));
  const mapped = kind !== "runbook-api";
  return (
    <fieldset disabled={readOnly} className="grid gap-4 sm:grid-cols-2">
      <label className="text-sm">Name<input name="name" defaultValue={initial.name} required className={field} /></label>
      {creating ? (
        <label className="text-sm">Slug (in its URL; cannot change later)<input name="slug" defaultValue={initial.slug} required pattern={SLUG_PATTERN} placeholder="my-api" className={field} /></label>
      ) : (
        <input type="hidden" name="slug" value={initial.slug} />
      )}
      <label className="text-sm">
        Kind
        <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as TargetKind)} className={field}>
          {TARGET_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
        </select>
        <span className="mt-1 block text-xs text-muted">{KIND_HELP[kind]}</span>
      </label>
      {kind !== "push" && (
        <label className="text-sm">
          {kind === "prometheus" ? "Metrics endpoint URL" : "Runbook API base URL"}
          <input name="url" defaultValue={initial.url} required placeholder={URL_HINT[kind]} className={field} />
        </label>
      )}
      {mapped && (
        <label className="text-sm">
          Preset
          <select name="preset" value={preset} onChange={(e) => setPreset(e.target.value)} className={field}>
            {PRESETS.map((p) => <option key={p} value={p}>{p}</option>)}
            <option value="">{kind === "push" ? "none (store pushed *_bytes gauges by name) or metric names" : "metric names (below)"}</option>
          </select>
        </label>
      )}
      {mapped && preset === "" && (
        <>
          <label className="text-sm">Used memory metric (bytes)<input name="used_metric" defaultValue={initial.usedMetric} placeholder="app_memory_used_bytes" className={field} /></label>
          <label className="text-sm">Limit metric (bytes, optional)<input name="limit_metric" defaultValue={initial.limitMetric} placeholder="app_memory_limit_bytes" className={field} /></label>
        </>
      )}
      {mapped && (
        <label className="text-sm">Label matchers (optional)<input name="match_labels" defaultValue={initial.matchLabels} placeholder='container=api, env=prod' className={field} /></label>
      )}
      <label className="text-sm">
        Memory limit (MB{kind === "prometheus" && (preset === "node-exporter" || preset === "cadvisor") ? "; optional: reported" : ""})
        <input name="memory_limit_mb" type="number" min={64} defaultValue={initial.memoryLimitMb} className={field} />
      </label>
      {kind !== "push" && (
        <label className="text-sm">Scrape every (s)<input name="scrape_interval_seconds" type="number" min={5} max={3600} defaultValue={initial.scrapeIntervalSeconds} required className={field} /></label>
      )}
      {!creating && (
        <label className="text-sm sm:col-span-2">
          Target&apos;s PostgreSQL for the connections panel (optional, read-only role){" "}
          {initial.maskedDiagnosticsDatabaseUrl && <span className="text-muted">(now {initial.maskedDiagnosticsDatabaseUrl}; leave empty to keep)</span>}
          <input name="diagnostics_database_url" placeholder="postgresql://readonly:…@db:5432/freeagentics" autoComplete="off" className={field} />
        </label>
      )}
      {!creating && initial.maskedDiagnosticsDatabaseUrl && (
        <label className="flex items-center gap-2 text-sm sm:col-span-2">
          <input name="clear_diagnostics_database_url" type="checkbox" className="h-4 w-4" /> Forget the diagnostics database URL
        </label>
      )}
      <label className="flex items-center gap-2 text-sm"><input name="enabled" type="checkbox" defaultChecked={initial.enabled} className="h-4 w-4" /> Collect from this service</label>
    </fieldset>
  );
}
