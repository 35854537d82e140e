/** The shape of an API key: a recognisable prefix and 32 random bytes; stored only as SHA-256. */
import crypto from "node:crypto";

export const API_KEY_PREFIX = "obs_";
const KEY_PATTERN = /^obs_[A-Za-z0-9_-]{43}$/;

export function newApiKey(): { key: string; prefix: string; hash: string } {
  const key = `${API_KEY_PREFIX}${crypto.randomBytes(32).toString("base64url")}`;
  return { key, prefix: key.slice(0, 10), hash: hashApiKey(key) };
}

/** A fast hash is enough: the key has 256 random bits, nothing to guess from a dictionary. */
export function hashApiKey(key: string): string {
  return crypto.createHash("sha256").update(key).digest("hex");
}

export function looksLikeApiKey(value: string): boolean {
  return KEY_PATTERN.test(value);
}
