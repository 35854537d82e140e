/**
 * HMAC-signed opaque tokens: `base64url(JSON payload).base64url(HMAC-SHA256)`. They let
 * the Sandbox carry state between requests (consent steps, one-time codes, refresh
 * tokens, MFA challenges) without storing it, and refuse anything forged or expired.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/** What each kind of token carries. */
export interface TokenPayloads {
  /** Consent step 2: the login was accepted for this link session. */
  grant: { session: string; username: string };
  /** The one-time code sent back to the app with the accounts the user allowed. */
  code: { session: string; username: string; accounts: string[] };
  /** Permission to read one connection's data. */
  refresh: { connection: string };
  /** An SMS code was "sent" for this connection; valid until its next refresh (`refreshes` counts the day's). */
  challenge: { connection: string; day: string; refreshes: number };
}

export type TokenKind = keyof TokenPayloads;

export interface TokenSigner {
  sign<K extends TokenKind>(kind: K, payload: TokenPayloads[K], expiresAt: Date): string;
  /** The payload, or null when the token is forged, of another kind or expired at `now`. */
  verify<K extends TokenKind>(kind: K, token: string, now: Date): (TokenPayloads[K] & { expiresAt: Date }) | null;
}

export function createTokenSigner(secret: string): TokenSigner {
  const mac = (data: string) => createHmac("sha256", secret).update(data).digest();
  return {
    sign(kind, payload, expiresAt) {
      const body = Buffer.from(JSON.stringify({ ...payload, kind, exp: expiresAt.getTime() })).toString("base64url");
      return `${body}.${mac(body).toString("base64url")}`;
    },
    verify(kind, token, now) {
      const [body, signature, extra] = token.split(".");
      if (!body || !signature || extra !== undefined) return null;
      const expected = mac(body);
      const given = Buffer.from(signature, "base64url");
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      const payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Record<string, unknown>;
      const exp = payload.exp;
      if (payload.kind !== kind || typeof exp !== "number" || exp <= now.getTime()) return null;
      delete payload.kind;
      delete payload.exp;
      return { ...(payload as unknown as TokenPayloads[typeof kind]), expiresAt: new Date(exp) };
    },
  };
}
