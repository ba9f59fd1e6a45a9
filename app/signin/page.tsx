import type { Metadata } from "next";
import { oidcConfig } from "@/lib/env";
import { safeCallbackPath } from "@/lib/http/safe-callback-path";
import { describeSignInLock, DATABASE_UNAVAILABLE, DATABASE_UNAVAILABLE_MESSAGE } from "@/lib/auth/sign-in-error";
import { SignInForm } from "@/app/signin/_components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

// next-auth's error codes, in words; anything else is a generic failure.
const ERRORS: Record<string, string> = {
  AccessDenied: "Single sign-on was refused: the account is disabled, or the identity provider sent no verified email.",
  OAuthCallback: "Single sign-on failed (the identity provider's answer was not accepted). Try again.",
  OAuthSignin: "Could not start single sign-on: the identity provider did not answer.",
  Callback: "Single sign-on failed. Try again, or sign in with your password.",
  [DATABASE_UNAVAILABLE]: DATABASE_UNAVAILABLE_MESSAGE,
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await searchParams;
  // Only same-site paths: an open redirect after sign-in would be a phishing aid.
  const safeCallback = safeCallbackPath(callbackUrl);
  const oidc = oidcConfig();
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-edge bg-panel p-8 shadow-xl">
        <h1 className="text-2xl font-semibold">Headroom</h1>
        <p className="mb-6 mt-1 text-sm text-muted">Incident console for memory pressure</p>
        <SignInForm callbackUrl={safeCallback} oidcName={oidc?.name ?? null} initialError={error ? (describeSignInLock(error) ?? ERRORS[error] ?? "Sign-in failed. Try again.") : null} />
      </div>
    </main>
  );
}
