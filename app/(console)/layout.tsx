import Link from "next/link";
import { redirect } from "next/navigation";
import { capabilitiesOf } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import { getOnCallSummary } from "@/lib/incidents/get-on-call-summary";
import { NavLinks } from "@/app/(console)/_components/nav-links";
import { SignOutButton } from "@/app/(console)/_components/sign-out-button";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  if (!user) redirect("/signin");
  const can = capabilitiesOf(user.role);
  const onCall = await getOnCallSummary();
  return (
    <div className="min-h-screen">
      <header className="border-b border-edge bg-panel print:hidden">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/" className="text-lg font-bold tracking-tight">
            Headroom
          </Link>
          <NavLinks can={{ readAudit: can.readAudit, manageUsers: can.manageUsers }} onCall={onCall}>
            <div className="flex flex-wrap items-center gap-3 px-3 text-sm md:px-0" data-testid="current-user">
              <span>{user.name}</span>
              <span className="rounded-full border border-edge px-2 py-0.5 text-xs uppercase tracking-wide text-muted" data-testid="current-role">
                {user.role}
              </span>
              <SignOutButton />
            </div>
          </NavLinks>
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </div>
  );
}
