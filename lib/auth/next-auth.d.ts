import type { Role } from "@/lib/generated/prisma/enums";

declare module "next-auth" {
  interface Session {
    /** sessionVersion: the user's session version when the token was issued (lib/auth/session-version.ts). */
    user: { id: string; email: string; name: string; role: Role; sessionVersion: number | null };
  }
  interface User {
    role: Role;
    sessionVersion?: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: Role;
    /** The user's session version at sign-in; a token whose version is behind the user's is refused. */
    sv?: number;
  }
}
