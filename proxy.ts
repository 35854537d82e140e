/** Sends anonymous visitors to /login (and back to where they were going afterwards). */
import NextAuth from "next-auth";
import { authConfig } from "@/lib/auth/auth.config";

const { auth } = NextAuth(authConfig);

// Auth.js runs the `authorized` callback and redirects refused requests to /login?callbackUrl=…
export default auth;

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
