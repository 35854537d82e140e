/**
 * Salt Edge's two signatures, both RSA PKCS#1 v1.5 over SHA-256, base64:
 * - our requests: `Signature` over "Expires-at|METHOD|URL|body" with the app's private key
 *   (`Expires-at` a UNIX time at most an hour ahead; the URL in full with its query; the
 *   body empty for a GET);
 * - Salt Edge's callbacks: `Signature` over "callback_url|body" with Salt Edge's key.
 */
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from "node:crypto";

/** A request signature lives one minute, as Salt Edge suggests (an hour at most). */
export const REQUEST_SIGNATURE_LIFETIME_SECONDS = 60;

export function requestSignaturePayload(expiresAt: number, method: string, url: string, body: string): string {
  return `${expiresAt}|${method.toUpperCase()}|${url}|${body}`;
}

export function signRequest(privateKey: KeyObject, input: { expiresAt: number; method: string; url: string; body: string }): string {
  return sign("RSA-SHA256", Buffer.from(requestSignaturePayload(input.expiresAt, input.method, input.url, input.body)), privateKey).toString("base64");
}

export function callbackSignaturePayload(callbackUrl: string, body: string): string {
  return `${callbackUrl}|${body}`;
}

export function verifyCallbackSignature(publicKey: KeyObject, callbackUrl: string, body: string, signature: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return false;
  try {
    return verify("RSA-SHA256", Buffer.from(callbackSignaturePayload(callbackUrl, body)), publicKey, Buffer.from(signature, "base64"));
  } catch {
    return false;
  }
}

/** Parses a PEM once per process; a bad key is a configuration error worth a clear message. */
const keys = new Map<string, KeyObject>();
export function privateKeyOf(pem: string): KeyObject {
  let key = keys.get(pem);
  if (!key) keys.set(pem, (key = createPrivateKey(pem)));
  return key;
}
export function publicKeyOf(pem: string): KeyObject {
  let key = keys.get(pem);
  if (!key) keys.set(pem, (key = createPublicKey(pem)));
  return key;
}
