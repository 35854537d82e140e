/**
 * Runs before every page: sends anonymous visitors to /login (and back to where they were
 * going afterwards), and gives each response its Content-Security-Policy with a fresh nonce.
 */
import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authConfig } from "@/lib/auth/auth.config";
import { newNonce, pageContentSecurityPolicy } from "@/lib/security/headers";

const { auth } = NextAuth(authConfig);

// Auth.js runs the `authorized` callback first and answers refused requests with its redirect.
export default auth((request) => {
  const policy = pageContentSecurityPolicy({
    nonce: newNonce(),
    pathname: request.nextUrl.pathname,
    development: process.env.NODE_ENV === "development",
  });
  // Next.js reads the nonce from the request's policy and puts it on the scripts it renders.
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
});

export const config = {
  // Machine-to-machine endpoints (provider webhooks, Inngest, the Sandbox aggregator) check
  // their own signatures; running the session proxy on them would only slow them down. The
  // statement upload checks the session itself: the proxy would buffer its body and cut it at 10 MB.
  // next.config.ts gives these routes their fixed security headers: keep both lists the same.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|apple-icon.png|api/webhooks/|api/inngest|api/statement-imports/upload|sandbox/).*)"],
};
