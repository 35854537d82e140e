/**
 * Encrypts provider tokens at rest (AES-256-GCM). The key comes from TOKEN_ENCRYPTION_KEY,
 * or is derived from AUTH_SECRET, so a stolen database dump alone does not reveal them.
 */
import crypto from "node:crypto";

function key(): Buffer {
  const secret = process.env.TOKEN_ENCRYPTION_KEY ?? process.env.AUTH_SECRET;
  if (!secret) throw new Error("Set TOKEN_ENCRYPTION_KEY or AUTH_SECRET to store provider tokens.");
  return Buffer.from(crypto.hkdfSync("sha256", secret, "openbanksync", "provider-tokens", 32));
}

export function encryptSecret(plaintext: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

export function decryptSecret(sealed: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || body === undefined) throw new Error("Unreadable encrypted value");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

/** A stable, non-reversible lookup key for a secret (e.g. to find a connection by provider ref). */
export function lookupHash(value: string): string {
  return crypto.createHash("sha256").update(value).digest("hex");
}
