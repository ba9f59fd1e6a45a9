import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { ActionResult, Refusal } from "@/lib/actions/action-result";
import { describeFieldErrors, fieldErrorsOf } from "@/lib/actions/field-errors";
import type { RecordLoader, RefusalAbout } from "@/lib/actions/record-loaders";
import { recordedParameters, type Redactions } from "@/lib/actions/recorded-parameters";
import { auditActorOf } from "@/lib/audit/audit-actor";
import type { RefusableEventType } from "@/lib/audit/audit-event";
import { readRequestMeta } from "@/lib/audit/read-request-meta";
import type { RequestMeta } from "@/lib/audit/request-meta";
import { refuseAttempt } from "@/lib/audit/refuse-attempt";
import type { Permission } from "@/lib/auth/permissions";
import { getCurrentUser, requirePermission, requireUser, type CurrentUser } from "@/lib/auth/session";
import { AppError, toAppError } from "@/lib/errors";

export type ActionSpec<S extends z.ZodType, R, T> = {
  /** The event type this action's refusals are audited as. */
  audit: RefusableEventType;
  input: S;
  permission: Permission;
  record?: RecordLoader<z.output<S>, R>;
  /** Fields recorded other than as sent (secrets by name and URL passwords are always masked). */
  redact?: Redactions;
  /** One lib/ call, then revalidation; what it returns goes back to the page. */
  run: (call: { input: z.output<S>; user: CurrentUser; record: R; meta: RequestMeta }) => Promise<T>;
};

const UNRECORDED: Refusal = {
  ok: false,
  code: "UNAVAILABLE",
  message: "The console could not record this attempt, so it did nothing. Try again in a moment.",
};

/**
 * The one chain every server action is built from: parse (zod) → requireUser → requirePermission
 * → load the record → run. Whatever stops it — no session, no permission, bad input, not found,
 * a conflict, an unexpected error — is audited by `refuseAttempt` as this action's event type
 * with the refusal outcome, the actor (anonymous without a session), the request, the record
 * when known and what was submitted minus secrets, and answered as a Refusal.
 */
export function defineAction<S extends z.ZodType, R, T>(spec: ActionSpec<S, R, T>): (raw: unknown) => Promise<T | Refusal> {
  return async (raw) => {
    const meta = await readRequestMeta();
    let about: RefusalAbout = spec.record?.about(isRecord(raw) ? raw : {}) ?? {};
    let user: CurrentUser | null = null;
    try {
      const input = parseInput(spec.input, raw);
      user = await requireUser();
      requirePermission(user, spec.permission);
      const loaded = spec.record ? await spec.record.load(input) : { record: undefined as R, about };
      about = loaded.about;
      return await spec.run({ input, user, record: loaded.record, meta });
    } catch (error) {
      unstable_rethrow(error);
      const refused = toAppError(error, `server action (${spec.audit}) failed`);
      const fieldErrors = refused.details?.fieldErrors as Record<string, string> | undefined;
      try {
        // Bad input is refused before requireUser: the row still names who sent it.
        user ??= await getCurrentUser();
        return await refuseAttempt({
          type: spec.audit,
          code: refused.code,
          message: refused.message,
          actor: auditActorOf(user),
          meta,
          ...about,
          parameters: recordedParameters(raw, spec.redact),
          fieldErrors,
        });
      } catch (auditError) {
        console.error(`could not audit a refused ${spec.audit} attempt:`, auditError);
        return UNRECORDED;
      }
    }
  };
}

/**
 * The same chain for a form used with `useActionState(action, null)`: the FormData's fields are
 * the input, and `run` answers with the message to show (plus extras, such as a token shown once).
 */
/** What a form's `run` may answer besides its message (a token shown once). */
type Extra<T> = [Exclude<T, string>] extends [never] ? object : Omit<Exclude<T, string>, "message">;

/**
 * The same chain for a form used with `useActionState(action, null)`: the FormData's fields are
 * the input, and `run` answers with the message to show (or the message with extras).
 */
export function formAction<S extends z.ZodType, R, T extends string | { message: string }>(
  spec: ActionSpec<S, R, T>,
): (previous: ActionResult<Extra<T>> | null, formData: FormData) => Promise<ActionResult<Extra<T>>> {
  const action = defineAction(spec);
  return async (_previous, formData) => {
    const result: string | { message: string } | Refusal = await action(formFields(formData));
    if (typeof result === "string") return { ok: true, message: result } as ActionResult<Extra<T>>;
    return ("ok" in result ? result : { ok: true, ...result }) as ActionResult<Extra<T>>;
  };
}

function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const fieldErrors = fieldErrorsOf(parsed.error);
  throw new AppError("INVALID_INPUT", describeFieldErrors(fieldErrors), { fieldErrors });
}

/** A form's text fields; Next's own `$ACTION_…` fields are left out. */
function formFields(formData: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !key.startsWith("$ACTION")) fields[key] = value;
  }
  return fields;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
