/** The session id we add to Auth.js's JWT and session, so "Sign out" can end it server-side. */
import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    sessionId?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
  }
}
