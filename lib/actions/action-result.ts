import type { AppErrorCode } from "@/lib/errors";

/** A refused attempt as a form or the remediation dialog shows it: a safe message, the fields at fault. */
export type Refusal = { ok: false; code: AppErrorCode; message: string; fieldErrors?: Record<string, string> };

/** What a form's server action returns to `useActionState`: a message safe to show, never a stack. */
export type ActionResult<Extra extends object = object> = ({ ok: true; message: string } | Refusal) & Partial<Extra>;
