/**
 * The application JWT that authenticates every Enable Banking request: RS256 over
 * base64url(header).base64url(claims), header `kid` = the application id, claims
 * iss "enablebanking.com", aud "api.enablebanking.com", iat and exp. The API refuses a
 * token whose lifetime exceeds 24 hours, so ours live one hour and are reused until
 * shortly before they expire.
 */
import { createPrivateKey, sign, type KeyObject } from "node:crypto";
import { storedMessage } from "@/lib/i18n/stored-message";
import { ProviderRejected } from "@/lib/providers/errors";

export const JWT_ISSUER = "enablebanking.com";
export const JWT_AUDIENCE = "api.enablebanking.com";
const LIFETIME_SECONDS = 60 * 60;
/** A token this close to expiry is replaced, so that a slow request does not arrive with a dead one. */
const RENEW_MARGIN_SECONDS = 5 * 60;

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString("base64url");
}

export function signApplicationJwt(input: { applicationId: string; privateKey: KeyObject; now: Date; lifetimeSeconds?: number }): string {
  const iat = Math.floor(input.now.getTime() / 1000);
  const header = base64url(JSON.stringify({ typ: "JWT", alg: "RS256", kid: input.applicationId }));
  const claims = base64url(
    JSON.stringify({ iss: JWT_ISSUER, aud: JWT_AUDIENCE, iat, exp: iat + (input.lifetimeSeconds ?? LIFETIME_SECONDS) }),
  );
  const signature = sign("RSA-SHA256", Buffer.from(`${header}.${claims}`), input.privateKey);
  return `${header}.${claims}.${base64url(signature)}`;
}

/** Returns a valid token on each call, signing a new one only when the last is near expiry. */
export function applicationTokenSource(config: { applicationId: string; privateKey: string }, now: () => Date) {
  let key: KeyObject | null = null;
  let cached: { token: string; issuedAt: number; expiresAt: number } | null = null;
  return (): string => {
    if (!config.applicationId || !config.privateKey) {
      throw new ProviderRejected({
        providerCode: "not_configured",
        text: storedMessage("providerSentences.enablebanking.notConfigured"),
      });
    }
    const at = now();
    const seconds = at.getTime() / 1000;
    // A clock set back (NTP) would make the cached token look issued in the future: sign anew.
    if (cached && cached.issuedAt <= seconds && cached.expiresAt - RENEW_MARGIN_SECONDS > seconds) return cached.token;
    key ??= createPrivateKey(config.privateKey);
    const token = signApplicationJwt({ applicationId: config.applicationId, privateKey: key, now: at });
    cached = { token, issuedAt: Math.floor(seconds), expiresAt: Math.floor(seconds) + LIFETIME_SECONDS };
    return token;
  };
}
