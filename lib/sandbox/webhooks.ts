/**
 * Webhooks the Sandbox sends: a JSON body signed with HMAC-SHA256 over `<t>.<raw body>`
 * in the header `Sandbox-Signature: t=<unix seconds>,v1=<hex>`, so that a receiver can
 * reject forged bodies and replays of old deliveries.
 */
import { createHmac, randomBytes } from "node:crypto";
import type { WebhookJson } from "@/lib/providers/sandbox/types";

export const SIGNATURE_HEADER = "Sandbox-Signature";
const DELIVERY_TIMEOUT_MS = 5_000;

export function signatureHeader(secret: string, rawBody: string, at: Date): string {
  const timestamp = Math.floor(at.getTime() / 1000);
  const signature = createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex");
  return `t=${timestamp},v1=${signature}`;
}

export interface Delivery {
  delivered: boolean;
  status_code: number | null;
  error: string | null;
}

export async function deliverWebhook(input: {
  url: string;
  secret: string;
  at: Date;
  event: Omit<WebhookJson, "id" | "created_at">;
}): Promise<Delivery> {
  const body: WebhookJson = { id: `wh_${randomBytes(12).toString("hex")}`, ...input.event, created_at: input.at.toISOString() };
  const rawBody = JSON.stringify(body);
  try {
    const response = await fetch(input.url, {
      method: "POST",
      headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signatureHeader(input.secret, rawBody, input.at) },
      body: rawBody,
      redirect: "manual",
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return { delivered: response.ok, status_code: response.status, error: null };
  } catch (error) {
    return { delivered: false, status_code: null, error: error instanceof Error ? error.message : String(error) };
  }
}
