/** Sends anonymous visitors to /login (and back to where they were going afterwards). */
import NextAuth from "next-auth";
import { authConfig } from "@/lib/auth/auth.config";

const { auth } = NextAuth(authConfig);

// Auth.js runs the `authorized` callback and redirects refused requests to /login?callbackUrl=…
export default auth;

export const config = {
  // Machine-to-machine endpoints (provider webhooks, Inngest, the Sandbox aggregator) check
  // their own signatures; running the session proxy on them would only slow them down. The
  // statement upload checks the session itself: the proxy would buffer its body and cut it at 10 MB.
  // The REST API (api/v1) authenticates each request by its API key, never by cookie.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/webhooks/|api/inngest|api/statement-imports/upload|api/v1/|sandbox/).*)"],
};
