/**
 * The part of the Auth.js configuration that needs no database: the proxy uses it to
 * decide who may see a page, before any server code runs.
 */
import type { NextAuthConfig } from "next-auth";

/**
 * Paths reachable without signing in. The Sandbox bank plays another company's server; the
 * supported institutions list is for visitors too (its page answers 404 when switched off).
 */
const PUBLIC_PATHS = [/^\/login(\/|$)/, /^\/institutions(\/|$)/, /^\/api\/auth(\/|$)/, /^\/sandbox(\/|$)/, /^\/api\/inngest(\/|$)/, /^\/api\/webhooks(\/|$)/, /^\/api\/v1(\/|$)/];

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PATHS.some((pattern) => pattern.test(pathname));
}

export const authConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt" },
  // No trustHost here: Auth.js then believes X-Forwarded-Host only with AUTH_TRUST_HOST
  // (a proxy in front) or uses AUTH_URL, as lib/http/app-origin.ts does.
  providers: [],
  callbacks: {
    authorized({ auth, request }) {
      if (isPublicPath(request.nextUrl.pathname) || auth?.user) return true;
      // An answer rather than `false`: proxy.ts has its own step, after which Auth.js
      // would no longer redirect on its own.
      const signIn = new URL("/login", request.nextUrl);
      signIn.searchParams.set("callbackUrl", request.nextUrl.href);
      return Response.redirect(signIn);
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
