/**
 * Plaid webhook verification, as Plaid's "Verify webhooks" page describes it: the
 * Plaid-Verification header is an ES256 JWT whose key (by `kid`) comes from
 * /webhook_verification_key/get; it must be at most five minutes old and its
 * `request_body_sha256` must be the SHA-256 of the body exactly as received.
 */
import { createHash, createPublicKey, timingSafeEqual, verify, type KeyObject } from "node:crypto";
import { InvalidWebhook } from "@/lib/providers/errors";
import type { ProviderWebhook, ProviderWebhookKind } from "@/lib/providers/types";
import { webhookJson, type VerificationKeyJson } from "./types";

const MAX_AGE_SECONDS = 5 * 60;
// Clocks differ a little; a token from slightly in the future is still accepted.
const CLOCK_SKEW_SECONDS = 60;

/**
 * Verification keys by kid, per Plaid base URL. Module-wide because adapters are built on
 * every call; keys rotate under new kids, so a cached key stays valid until Plaid gives
 * it an `expired_at`, which is checked on each use.
 */
const keyCache = new Map<string, { jwk: VerificationKeyJson; key: KeyObject }>();
const MAX_CACHED_KEYS = 50;

export type FetchVerificationKey = (kid: string) => Promise<VerificationKeyJson>;

async function keyFor(cacheScope: string, kid: string, fetchKey: FetchVerificationKey, nowSeconds: number): Promise<KeyObject> {
  const cacheKey = `${cacheScope}|${kid}`;
  let entry = keyCache.get(cacheKey);
  if (!entry) {
    let jwk: VerificationKeyJson;
    try {
      jwk = await fetchKey(kid);
    } catch (error) {
      throw new InvalidWebhook({ providerCode: "unknown_key", message: "Plaid does not know the webhook's signing key.", cause: error });
    }
    if (jwk.kty !== "EC" || jwk.crv !== "P-256" || jwk.kid !== kid) throw new InvalidWebhook({ providerCode: "unexpected_key" });
    entry = { jwk, key: createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, format: "jwk" }) };
    if (keyCache.size >= MAX_CACHED_KEYS) keyCache.delete(keyCache.keys().next().value!);
    keyCache.set(cacheKey, entry);
  }
  if (entry.jwk.expired_at !== null && entry.jwk.expired_at <= nowSeconds) throw new InvalidWebhook({ providerCode: "expired_key" });
  return entry.key;
}

function decodeJson(segment: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new InvalidWebhook({ providerCode: "malformed_jwt" });
}

function kindOf(type: string, code: string, errorCode: string | null): ProviderWebhookKind {
  if (type === "TRANSACTIONS" && code === "SYNC_UPDATES_AVAILABLE") return "transactions_available";
  if (type === "ITEM" && code === "ERROR" && errorCode === "ITEM_LOGIN_REQUIRED") return "login_required";
  if (type === "ITEM" && (code === "USER_PERMISSION_REVOKED" || code === "USER_ACCOUNT_REVOKED")) return "login_required";
  if (type === "ITEM" && (code === "PENDING_EXPIRATION" || code === "PENDING_DISCONNECT")) return "consent_expiring";
  return "other";
}

export async function verifyPlaidWebhook(
  input: { headers: Headers; rawBody: string; now: Date; cacheScope: string; fetchKey: FetchVerificationKey },
): Promise<ProviderWebhook> {
  const token = input.headers.get("plaid-verification");
  if (!token) throw new InvalidWebhook({ providerCode: "missing_signature", message: "The webhook has no Plaid-Verification header." });
  const parts = token.trim().split(".");
  if (parts.length !== 3 || parts.some((part) => !part)) throw new InvalidWebhook({ providerCode: "malformed_jwt" });
  const [head, payload, signature] = parts as [string, string, string];
  const header = decodeJson(head);
  // Only ES256: a token naming another algorithm ("none", HS256) is refused before any key is used.
  if (header.alg !== "ES256" || typeof header.kid !== "string" || !header.kid) throw new InvalidWebhook({ providerCode: "wrong_algorithm" });
  const nowSeconds = Math.floor(input.now.getTime() / 1000);
  const key = await keyFor(input.cacheScope, header.kid, input.fetchKey, nowSeconds);
  const valid = verify("sha256", Buffer.from(`${head}.${payload}`), { key, dsaEncoding: "ieee-p1363" }, Buffer.from(signature, "base64url"));
  if (!valid) throw new InvalidWebhook({ providerCode: "bad_signature" });

  const claims = decodeJson(payload);
  const iat = claims.iat;
  if (typeof iat !== "number" || nowSeconds - iat > MAX_AGE_SECONDS || iat - nowSeconds > CLOCK_SKEW_SECONDS) {
    throw new InvalidWebhook({ providerCode: "stale", message: "The webhook is too old (or from the future)." });
  }
  const claimedHash = typeof claims.request_body_sha256 === "string" ? claims.request_body_sha256 : "";
  const actualHash = createHash("sha256").update(input.rawBody, "utf8").digest("hex");
  if (claimedHash.length !== actualHash.length || !timingSafeEqual(Buffer.from(claimedHash), Buffer.from(actualHash))) {
    throw new InvalidWebhook({ providerCode: "body_mismatch", message: "The webhook body does not match its signature." });
  }

  let body: unknown;
  try {
    body = JSON.parse(input.rawBody);
  } catch {
    throw new InvalidWebhook({ providerCode: "malformed_body" });
  }
  const parsed = webhookJson.safeParse(body);
  if (!parsed.success) throw new InvalidWebhook({ providerCode: "malformed_body" });
  const webhook = parsed.data;
  return {
    provider: "plaid",
    // Plaid gives deliveries no id; each delivery's token is unique, so a replayed request is recognized.
    id: createHash("sha256").update(token).digest("hex"),
    kind: kindOf(webhook.webhook_type, webhook.webhook_code, webhook.error?.error_code ?? null),
    providerType: `${webhook.webhook_type}.${webhook.webhook_code}`,
    // The Item id: the connection's webhook reference (see PlaidProvider.completeLink).
    connectionRef: webhook.item_id,
    occurredAt: new Date(iat * 1000),
    providerAccountIds: [],
  };
}

/** For tests that rotate keys under the same kid. */
export function clearVerificationKeyCache() {
  keyCache.clear();
}
