"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => signOut({ callbackUrl: "/signin" })}
      className="rounded-md border border-edge px-3 py-1 text-muted hover:text-ink"
    >
      Sign out
    </button>
  );
}
