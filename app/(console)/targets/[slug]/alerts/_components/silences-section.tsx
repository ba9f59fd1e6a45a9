import type { TargetAlertSettings } from "@/lib/alerts/get-target-alert-settings";
import { LocalTime } from "@/app/(console)/_components/local-time";
import { EndSilenceButton, SilenceForm } from "./silence-form";
import { Section } from "./section";
import { BellOffIcon } from "@/app/_components/icons";

export function SilencesSection({ settings, canSilence }: { settings: TargetAlertSettings; canSilence: boolean }) {
  const slug = settings.target.slug;
  return (
    <Section title="Silences" id="silences-heading">
      <p className="mb-3 text-sm text-muted">
        A silence holds back this target&apos;s notifications; the alert and its incident are still recorded. It ends on its own.
      </p>
      {canSilence ? <SilenceForm slug={slug} /> : <p className="mb-3 text-xs text-muted">Only leads and admins silence alerts.</p>}
      {settings.silences.length === 0 ? (
        <p className="mt-3 text-sm text-muted">No silences for this target.</p>
      ) : (
        <ul className="mt-3 space-y-2 text-sm" data-testid="silences">
          {settings.silences.map((s) => (
            <li key={s.id} className={`flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border px-3 py-2 ${s.active ? "border-warn/60 bg-warn/10" : "border-edge"}`}>
              <span className={s.active ? "font-semibold text-warn" : "text-muted"}>{s.active ? <><BellOffIcon /> active</> : s.endedAt ? "ended early" : "expired"}</span>
              <span>
                <LocalTime iso={s.startsAt} /> → <LocalTime iso={s.endedAt ?? s.endsAt} />
              </span>
              <span>{s.createdByEmail}</span>
              <span className="text-muted">“{s.comment}”</span>
              {s.endedByEmail && <span className="text-muted">ended by {s.endedByEmail}</span>}
              {s.active && canSilence && <EndSilenceButton slug={slug} silenceId={s.id} />}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
