/** The single-use `state` of a consent flow: we keep only its hash, and it expires. */
import crypto from "node:crypto";

export const LINK_STATE_TTL_MS = 30 * 60_000;

export function newLinkState(): { state: string; hash: string } {
  const state = crypto.randomBytes(32).toString("base64url");
  return { state, hash: hashLinkState(state) };
}

export function hashLinkState(state: string): string {
  return crypto.createHash("sha256").update(state).digest("hex");
}
