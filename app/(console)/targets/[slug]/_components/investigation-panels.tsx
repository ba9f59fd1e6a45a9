import type { Snapshots } from "@/lib/console/read-snapshots";
import { LONG_RUNNING_S } from "@/lib/console/select-investigation";
import { formatMb, formatMinutes } from "@/lib/format";
import { Age } from "@/app/(console)/_components/local-time";

function Panel({ title, command, capturedAt, children }: { title: string; command: string; capturedAt?: string; children: React.ReactNode }) {
  return (
    <section className="min-w-0 overflow-x-auto rounded-lg border border-edge bg-panel p-4">
      <h3 className="font-semibold">{title}</h3>
      <p className="mb-2 truncate font-mono text-xs text-muted" title={command}>
        {command}
      </p>
      {children}
      {capturedAt && <p className="mt-2 text-xs text-muted">as of <Age iso={capturedAt} /></p>}
    </section>
  );
}

const missing = <p className="text-sm text-muted">Not collected yet (the target has not answered this endpoint).</p>;

export function InvestigationPanels({ snapshots }: { snapshots: Snapshots }) {
  const agents = snapshots.agents?.data;
  // Chosen on the server (selectInvestigation): the top agents by memory, the long-running operations.
  const topAgents = agents?.agents ?? [];
  const ws = snapshots.websocket?.data;
  const lifecycle = snapshots.lifecycle?.data;
  const longOps = snapshots.operations?.data.operations ?? [];
  return (
    <div className="grid gap-4 lg:grid-cols-2" data-testid="investigation-panels">
      <Panel title="Large belief states (top 5 agents)" command="agents/memory | jq '.agents | sort_by(.memory_mb) | reverse | .[:5]'" capturedAt={snapshots.agents?.capturedAt}>
        {!agents ? missing : topAgents.length === 0 ? <p className="text-sm text-muted">No agents running.</p> : (
          <table className="w-full text-sm">
            <thead className="text-left text-muted">
              <tr><th>Agent</th><th>Status</th><th className="text-right">Memory</th><th className="text-right">Beliefs</th></tr>
            </thead>
            <tbody>
              {topAgents.map((a) => (
                <tr key={a.agent_id} className="border-t border-edge">
                  <td className="py-1 font-mono text-xs">{a.agent_id}</td>
                  <td className={a.status === "orphaned" ? "font-semibold text-warn" : ""}>{a.status === "orphaned" ? "⚠ orphaned" : a.status}</td>
                  <td className="text-right tabular-nums">{formatMb(a.memory_mb, 1)}</td>
                  <td className="text-right tabular-nums">{formatMb(a.belief_state_mb, 1)}{a.belief_compressed ? " (c)" : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
      <Panel title="Agent lifecycle" command="agents/lifecycle | jq" capturedAt={snapshots.lifecycle?.capturedAt}>
        {!lifecycle ? missing : (
          <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
            <dt className="text-muted">Pool</dt><dd>{lifecycle.pool.size} / {lifecycle.pool.max_size} ({lifecycle.pool.active} active, {lifecycle.pool.idle} idle)</dd>
            <dt className="text-muted">Orphaned agents</dt>
            <dd className={lifecycle.orphaned.count > 0 ? "font-semibold text-warn" : ""}>{lifecycle.orphaned.count} holding {formatMb(lifecycle.orphaned.memory_mb, 1)}</dd>
            <dt className="text-muted">Coalitions active</dt><dd>{lifecycle.coalitions.active}</dd>
            <dt className="text-muted">Last 15 min</dt><dd>{lifecycle.last_15m.spawned} spawned, {lifecycle.last_15m.orphaned} orphaned, {lifecycle.last_15m.cleaned} cleaned</dd>
          </dl>
        )}
      </Panel>
      <Panel title="WebSocket connections" command="websocket/stats | jq" capturedAt={snapshots.websocket?.capturedAt}>
        {!ws ? missing : (
          <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
            <dt className="text-muted">Connections</dt><dd>{ws.total_connections} ({ws.active_connections} active, {ws.idle_connections} idle)</dd>
            <dt className="text-muted">Send queue</dt><dd>{ws.send_queue_messages} messages, {formatMb(ws.send_queue_mb, 1)}</dd>
            <dt className="text-muted">Memory</dt><dd>{formatMb(ws.memory_mb, 1)}</dd>
            <dt className="text-muted">Opened / closed</dt><dd>{ws.opened_total} / {ws.closed_total}</dd>
          </dl>
        )}
      </Panel>
      <Panel title={`Long-running operations (> ${LONG_RUNNING_S} s)`} command="operations?status=running&duration_gt=300 | jq" capturedAt={snapshots.operations?.capturedAt}>
        {!snapshots.operations ? missing : longOps.length === 0 ? <p className="text-sm text-ok">✓ None running longer than {LONG_RUNNING_S} s.</p> : (
          <table className="w-full text-sm">
            <thead className="text-left text-muted"><tr><th>Operation</th><th>Component</th><th className="text-right">Running</th><th className="text-right">Memory Δ</th></tr></thead>
            <tbody>
              {longOps.map((o) => (
                <tr key={o.id} className="border-t border-edge">
                  <td className="py-1">{o.operation_type}</td>
                  <td className="text-muted">{o.component}</td>
                  <td className="text-right">{formatMinutes(o.duration_s / 60)}</td>
                  <td className="text-right tabular-nums">{formatMb(o.memory_delta_mb, 1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
    </div>
  );
}
