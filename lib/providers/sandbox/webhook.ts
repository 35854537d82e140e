/**
 * Verification of the Sandbox's webhooks: `Sandbox-Signature: t=<unix>,v1=<hex>` where
 * v1 is HMAC-SHA256(secret, "<t>.<raw body>"). Deliveries older (or newer) than five
 * minutes are refused so that a captured one cannot be replayed later.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { InvalidWebhook } from "@/lib/providers/errors";
import type { ProviderWebhook, ProviderWebhookKind } from "@/lib/providers/types";
import { webhookJson } from "./types";

export const SANDBOX_SIGNATURE_HEADER = "sandbox-signature";
const TOLERANCE_SECONDS = 5 * 60;

const KINDS: Record<string, ProviderWebhookKind> = {
  "transactions.available": "transactions_available",
  login_required: "login_required",
  "consent.expiring": "consent_expiring",
};

export function verifySandboxWebhook(secret: string, headers: Headers, rawBody: string, now: Date): ProviderWebhook {
  const header = headers.get(SANDBOX_SIGNATURE_HEADER) ?? "";
  const parts = new Map(header.split(",").map((part) => part.trim().split("=", 2) as [string, string]));
  const timestamp = Number(parts.get("t"));
  const signature = parts.get("v1") ?? "";
  if (!Number.isInteger(timestamp) || !/^[0-9a-f]{64}$/.test(signature)) {
    throw new InvalidWebhook({ message: "The webhook has no valid Sandbox-Signature header." });
  }
  const expected = createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest();
  if (!timingSafeEqual(expected, Buffer.from(signature, "hex"))) {
    throw new InvalidWebhook({ message: "The webhook signature does not match its body." });
  }
  if (Math.abs(now.getTime() / 1000 - timestamp) > TOLERANCE_SECONDS) {
    throw new InvalidWebhook({ message: "The webhook is too old (or dated in the future) to be accepted." });
  }
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    throw new InvalidWebhook({ message: "The webhook body is not JSON." });
  }
  const parsed = webhookJson.safeParse(body);
  if (!parsed.success) throw new InvalidWebhook({ message: "The webhook body is not a Sandbox event." });
  return {
    provider: "sandbox",
    id: parsed.data.id,
    kind: KINDS[parsed.data.type] ?? "other",
    providerType: parsed.data.type,
    connectionRef: parsed.data.connection_id,
    occurredAt: new Date(parsed.data.created_at),
    providerAccountIds: parsed.data.account_ids,
  };
}
