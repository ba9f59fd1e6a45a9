import type { Metadata } from "next";
import { SignInForm } from "@/app/signin/_components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  // Only same-site paths: an open redirect after sign-in would be a phishing aid.
  const safeCallback = callbackUrl?.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/";
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-edge bg-panel p-8 shadow-xl">
        <h1 className="text-2xl font-semibold">Headroom</h1>
        <p className="mb-6 mt-1 text-sm text-muted">Incident console for memory pressure</p>
        <SignInForm callbackUrl={safeCallback} />
      </div>
    </main>
  );
}
