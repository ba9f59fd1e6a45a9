import { ROLES } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";

/**
 * The role a claim grants: a role name, or a list of them (an array, or words separated by spaces
 * or commas, as group claims come); the highest named role wins; nothing recognisable is viewer.
 */
export function roleFromClaim(value: unknown): Role {
  const words = Array.isArray(value)
    ? value.filter((v): v is string => typeof v === "string")
    : typeof value === "string"
      ? value.split(/[\s,]+/)
      : [];
  const named = new Set(words.map((w) => w.trim().toLowerCase()));
  return [...ROLES].reverse().find((role) => named.has(role)) ?? "viewer";
}
