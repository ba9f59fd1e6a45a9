import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { isRole } from "@/lib/auth/permissions";
import { requireAuthSecret } from "@/lib/env";

export function authOptions(): NextAuthOptions {
  return {
    secret: requireAuthSecret(),
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        authorize: (credentials) => verifyCredentials(credentials),
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user && "role" in user && isRole(user.role)) token.role = user.role;
        return token;
      },
      session({ session, token }) {
        if (session.user) {
          session.user.id = token.sub ?? "";
          session.user.role = isRole(token.role) ? token.role : "viewer";
        }
        return session;
      },
    },
  };
}
