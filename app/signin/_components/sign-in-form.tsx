"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { safeCallbackPath } from "@/lib/http/safe-callback-path";
import { describeCredentialsError } from "@/lib/auth/sign-in-error";

export function SignInForm({ callbackUrl, oidcName, initialError }: { callbackUrl: string; oidcName: string | null; initialError: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const form = new FormData(event.currentTarget);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    setPending(false);
    if (result?.ok && !result.error) {
      // Checked again here: this is the line that navigates.
      router.replace(safeCallbackPath(callbackUrl));
      router.refresh();
    } else {
      setError(describeCredentialsError(result?.error));
    }
  }

  const field = "mt-1 w-full rounded-md border border-edge bg-surface px-3 py-2 text-base";
  return (
    <form onSubmit={onSubmit} className="space-y-4" aria-describedby={error ? "signin-error" : undefined}>
      <label className="block text-sm">
        Email
        <input name="email" type="email" autoComplete="username" required className={field} />
      </label>
      <label className="block text-sm">
        Password
        <input name="password" type="password" autoComplete="current-password" required className={field} />
      </label>
      {error && (
        <p id="signin-error" role="alert" data-testid="signin-error" className="rounded-md border border-crit/50 bg-crit/10 px-3 py-2 text-sm text-crit">
          ⚠ {error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-accent px-3 py-2 font-semibold text-surface disabled:opacity-60"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
      {oidcName && (
        <button
          type="button"
          onClick={() => void signIn("oidc", { callbackUrl: safeCallbackPath(callbackUrl) })}
          className="w-full rounded-md border border-edge px-3 py-2 font-semibold hover:border-accent"
        >
          Continue with {oidcName}
        </button>
      )}
    </form>
  );
}
