import type { TargetAlertSettings } from "@/lib/alerts/get-target-alert-settings";
import { describeRuleChanges } from "@/lib/alerts/describe-rule-changes";
import { formatRatio, formatSeconds } from "@/lib/alerts/describe-alert";
import { LocalTime } from "@/app/(console)/_components/local-time";
import { RulesForm } from "./rules-form";
import { Section } from "./section";
import { TableHead } from "@/app/_components/table-head";

export function RulesSection({ settings, canEdit }: { settings: TargetAlertSettings; canEdit: boolean }) {
  const { rules, states, version, isDefault, versions } = settings;
  return (
    <Section title="Rules" id="rules-heading">
      <p className="mb-2 text-sm text-muted">
        {isDefault ? "The runbook's defaults (never edited)." : `Version ${version}.`} A rule is pending at the first evaluation above its
        threshold and fires once it has stayed above for its “for” (Prometheus semantics); SEV-1 supersedes SEV-2.
      </p>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="rules-table">
          <TableHead className="text-muted" cellClassName="py-1 pr-4" columns={["Rule", "Above", "For", "Keep firing for", "Recovery level", "State"]} />
          <tbody>
            {rules.map((rule) => {
              const state = states[rule.name];
              return (
                <tr key={rule.name} className="border-t border-edge">
                  <td className="py-1 pr-4 font-semibold">{rule.name}</td>
                  <td className="py-1 pr-4">{formatRatio(rule.threshold)}</td>
                  <td className="py-1 pr-4">{formatSeconds(rule.forSeconds)}</td>
                  <td className="py-1 pr-4">{rule.keepFiringForSeconds ? formatSeconds(rule.keepFiringForSeconds) : "off"}</td>
                  <td className="py-1 pr-4">{rule.recoveryThreshold !== undefined ? formatRatio(rule.recoveryThreshold) : "off"}</td>
                  <td className="py-1 pr-4">
                    {state && state.status !== "inactive" ? (
                      <span className={state.status === "firing" ? "font-semibold text-crit" : "text-warn"}>
                        {state.status} since <LocalTime iso={new Date(state.status === "firing" ? (state.firedAt ?? state.activeAt!) : state.activeAt!).toISOString()} />
                      </span>
                    ) : (
                      <span className="text-muted">inactive</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {canEdit ? (
        <details className="mt-4">
          <summary className="cursor-pointer text-sm font-semibold text-accent">Edit thresholds</summary>
          <div className="mt-3">
            <RulesForm slug={settings.target.slug} version={version} rules={rules} current={settings.current} />
          </div>
        </details>
      ) : (
        <p className="mt-3 text-xs text-muted">Only admins change thresholds.</p>
      )}
      <h3 className="mt-5 mb-2 text-sm font-semibold">Version history</h3>
      {versions.length === 0 ? (
        <p className="text-sm text-muted">No changes yet: these are the defaults every target starts with.</p>
      ) : (
        <ol className="space-y-2 text-sm" data-testid="rule-versions">
          {versions.map((v) => (
            <li key={v.version} className="border-l-2 border-edge pl-3">
              <div>
                <span className="font-semibold">v{v.version}</span> · <LocalTime iso={v.changedAt} /> · {v.changedByEmail}
                {v.comment && <span className="text-muted"> — {v.comment}</span>}
              </div>
              <ul className="text-muted">
                {describeRuleChanges(v.oldRules, v.newRules).map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
