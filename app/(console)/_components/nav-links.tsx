"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/", label: "Overview" },
  { href: "/targets", label: "Targets" },
  { href: "/incidents", label: "Incidents" },
  { href: "/approvals", label: "Approvals" },
  { href: "/audit", label: "Audit" },
  { href: "/queries", label: "Queries" },
];
const ADMIN_LINK = { href: "/admin/users", label: "Admin" };

/** `showAdmin`: the layout's server-side permission check; the admin page checks again. */
export function NavLinks({ showAdmin = false }: { showAdmin?: boolean }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="-mx-1 flex max-w-full gap-1 overflow-x-auto text-sm">
      {(showAdmin ? [...LINKS, ADMIN_LINK] : LINKS).map((link) => {
        const active = link.href === "/" ? pathname === "/" : pathname.startsWith(link.href);
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={active ? "page" : undefined}
            className={`rounded-md px-3 py-1.5 ${active ? "bg-edge text-ink" : "text-muted hover:text-ink"}`}
          >
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
