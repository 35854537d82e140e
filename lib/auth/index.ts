/** Auth.js v5 with email + password (Credentials provider, JWT sessions). */
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { db } from "@/db/client";
import { clientAddress } from "@/lib/http/client-address";
import { authConfig } from "./auth.config";
import { checkCredentials } from "./credentials";
import { revokeSession, unlessRevoked } from "./revoked-sessions";

export class TooManyAttempts extends CredentialsSignin {
  code = "too_many_attempts";
  constructor(public retryInSeconds: number) {
    super();
    this.code = `too_many_attempts:${retryInSeconds}`;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  callbacks: {
    ...authConfig.callbacks,
    // Every read of the session, /api/auth/session included, sees a signed-out session as none.
    async jwt(params) {
      return unlessRevoked(db, authConfig.callbacks.jwt(params));
    },
  },
  events: {
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (token?.sid && token.sub) await revokeSession(db, token.sid, token.sub);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(input, request) {
        const result = await checkCredentials(db, input, { address: clientAddress(request.headers) });
        if (result.ok) return result.user;
        if (result.reason === "throttled") throw new TooManyAttempts(result.retryInSeconds);
        return null;
      },
    }),
  ],
});
