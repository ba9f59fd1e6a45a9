"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useId, useState } from "react";
import type { OnCallSummary } from "@/lib/incidents/get-on-call-summary";
import { CloseIcon, MenuIcon } from "@/app/_components/icons";
import { NavCount, useOnCallSummary, useSeverityTitle } from "@/app/(console)/_components/on-call-status";

const LINKS = [
  { href: "/", label: "Overview" },
  { href: "/targets", label: "Targets" },
  { href: "/incidents", label: "Incidents" },
  { href: "/insights", label: "Insights" },
  { href: "/approvals", label: "Approvals" },
  { href: "/audit", label: "Audit", needs: "readAudit" },
  { href: "/queries", label: "Queries" },
  { href: "/admin/users", label: "Admin", needs: "manageUsers" },
] as const;

type NavCan = { readAudit: boolean; manageUsers: boolean };

const isActive = (href: string, pathname: string) => (href === "/" ? pathname === "/" : pathname.startsWith(href));

/**
 * The main navigation: a row on wide screens, a menu button with the current page's name on a
 * phone. `can` is the layout's server-side permission table; each page checks again. `children`
 * (the signed-in user and sign-out) sit in the menu on a phone and at the row's end otherwise.
 */
export function NavLinks({ can, onCall, children }: { can: NavCan; onCall: OnCallSummary; children: React.ReactNode }) {
  const pathname = usePathname();
  const summary = useOnCallSummary(onCall);
  useSeverityTitle(summary.worstSeverity);
  const counts: Record<string, React.ReactNode> = {
    "/incidents": <NavCount count={summary.firingIncidents} label="firing" tone={summary.worstSeverity === "SEV-1" ? "crit" : "warn"} testId="nav-firing-count" />,
    "/approvals": <NavCount count={summary.pendingApprovals} label="waiting" tone="warn" testId="nav-approvals-count" />,
  };
  const waiting = summary.firingIncidents + summary.pendingApprovals;
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const links = LINKS.filter((link) => !("needs" in link) || can[link.needs]);
  const current = links.find((link) => isActive(link.href, pathname));
  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
        className="ml-auto inline-flex items-center gap-2 rounded-md border border-edge px-3 py-1.5 text-sm md:hidden"
      >
        {open ? <CloseIcon /> : <MenuIcon />}
        <span>{current?.label ?? "Menu"}</span>
        {!open && waiting > 0 && <span aria-hidden className={`size-2 rounded-full ${summary.worstSeverity === "SEV-1" ? "bg-crit" : "bg-warn"}`} />}
        <span className="sr-only">: {open ? "close" : "open"} the menu</span>
      </button>
      <div
        id={panelId}
        onKeyDown={(event) => event.key === "Escape" && setOpen(false)}
        className={`${open ? "flex" : "hidden"} w-full flex-col gap-3 border-t border-edge pt-3 md:flex md:w-auto md:flex-1 md:flex-row md:items-center md:border-0 md:pt-0`}
      >
        <nav aria-label="Main" className="flex flex-col gap-1 text-sm md:flex-row md:flex-wrap">
          {links.map((link) => {
            const active = isActive(link.href, pathname);
            return (
              <Link
                key={link.href}
                href={link.href}
                onClick={() => setOpen(false)}
                aria-current={active ? "page" : undefined}
                className={`rounded-md px-3 py-2 md:py-1.5 ${active ? "bg-edge text-ink" : "text-muted hover:text-ink"}`}
              >
                {link.label}
                {counts[link.href]}
              </Link>
            );
          })}
        </nav>
        <div className="md:ml-auto">{children}</div>
      </div>
    </>
  );
}
