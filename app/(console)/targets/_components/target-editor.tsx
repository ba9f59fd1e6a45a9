"use client";

import Link from "next/link";
import { startTransition, useActionState, useRef, type FormEvent } from "react";
import { ActionMessage } from "@/app/(console)/_components/action-message";
import { createTargetAction, testConnectionAction } from "@/app/(console)/targets/actions";
import { updateTargetAction } from "@/app/(console)/targets/[slug]/settings/actions";
import { ConnectionReportView } from "@/app/(console)/targets/_components/connection-report";
import { TargetFields, type TargetFormValues } from "@/app/(console)/targets/_components/target-fields";

const button = "rounded-md px-4 py-2 font-semibold disabled:opacity-60";

/** "Add service" and the settings page's collection form: the same fields, Test connection before saving. */
export function TargetEditor({ initial, creating, provisionedFrom }: { initial: TargetFormValues; creating: boolean; provisionedFrom: string | null }) {
  const [saved, save, saving] = useActionState(creating ? createTargetAction : updateTargetAction, null);
  const [tested, test, testing] = useActionState(testConnectionAction, null);
  const readOnly = provisionedFrom !== null;
  const formRef = useRef<HTMLFormElement>(null);
  // Dispatched by hand rather than as <form action>: React resets a form after its action,
  // and testing (or a refused save) must not clear what the admin typed.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => save(data));
  };
  const runTest = () => {
    if (!formRef.current) return;
    const data = new FormData(formRef.current);
    startTransition(() => test(data));
  };
  return (
    <form ref={formRef} onSubmit={submit} className="space-y-4" aria-label={creating ? "Add service" : "Collection"}>
      <TargetFields initial={initial} creating={creating} readOnly={readOnly} />
      {!readOnly && (
        <div className="flex flex-wrap items-center gap-3">
          <button type="button" onClick={runTest} disabled={testing} className={`${button} border border-accent text-accent`}>{testing ? "Testing…" : "Test connection"}</button>
          <button type="submit" disabled={saving} className={`${button} bg-accent text-surface`}>{saving ? "Saving…" : creating ? "Add service" : "Save"}</button>
        </div>
      )}
      <ConnectionReportView result={tested} />
      <ActionMessage result={saved} testId="target-form-result" />
      {saved?.ok && "slug" in saved && typeof saved.slug === "string" && (
        <p className="text-sm"><Link href={`/targets/${saved.slug}`} className="text-accent underline">Open its page</Link> · <Link href="/" className="text-accent underline">Overview</Link></p>
      )}
    </form>
  );
}
