/**
 * The part of the Auth.js configuration that needs no database: the proxy uses it to
 * decide who may see a page, before any server code runs.
 */
import type { NextAuthConfig } from "next-auth";

/** Paths reachable without signing in. The Sandbox bank plays another company's server. */
const PUBLIC_PATHS = [/^\/login(\/|$)/, /^\/api\/auth(\/|$)/, /^\/sandbox(\/|$)/, /^\/api\/inngest(\/|$)/, /^\/api\/webhooks(\/|$)/, /^\/api\/v1(\/|$)/];

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PATHS.some((pattern) => pattern.test(pathname));
}

export const authConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt" },
  trustHost: true,
  providers: [],
  callbacks: {
    authorized({ auth, request }) {
      if (isPublicPath(request.nextUrl.pathname)) return true;
      return Boolean(auth?.user);
    },
    jwt({ token, user }) {
      // A fresh id per sign-in, so that signing out ends this session and no other.
      if (user?.id) {
        token.sub = user.id;
        token.sid = crypto.randomUUID();
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      if (token.sid) session.sessionId = token.sid;
      return session;
    },
  },
} satisfies NextAuthConfig;
