/**
 * The signature on every outgoing webhook, in the header
 * `OpenBankSync-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`,
 * keyed with the endpoint's secret. A receiver recomputes it over the raw body and
 * refuses old timestamps, so a captured request cannot be replayed later.
 */
import crypto from "node:crypto";

export const SIGNATURE_HEADER = "OpenBankSync-Signature";

export function signPayload(secret: string, timestamp: number, body: string): string {
  const digest = crypto.createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return `t=${timestamp},v1=${digest}`;
}

/** What a receiver does; our tests use it as the local receiver's check. */
export function verifySignature(secret: string, header: string | null, body: string, options: { now?: Date; toleranceSeconds?: number } = {}): boolean {
  const parts = Object.fromEntries((header ?? "").split(",").map((part) => part.split("=", 2) as [string, string]));
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || !parts.v1) return false;
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signPayload(secret, timestamp, body).split("v1=")[1]!, "hex");
  const given = Buffer.from(parts.v1, "hex");
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

export function newSigningSecret(): string {
  return `whsec_${crypto.randomBytes(24).toString("base64url")}`;
}
