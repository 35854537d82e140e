/**
 * Sandbox webhook deliveries verified and recorded as the route records them, without the
 * work after the answer: what a process that stopped right after answering leaves behind.
 */
import crypto from "node:crypto";
import type { Db } from "@/db/client";
import { bankConnections, institutions } from "@/db/schema";
import { lookupHash } from "@/lib/crypto/secret-box";
import { sandboxServerSecrets } from "@/lib/sandbox/config";
import { SIGNATURE_HEADER, signatureHeader } from "@/lib/sandbox/webhooks";
import { receiveWebhook } from "@/lib/webhooks/intake";
import type { HandedOnWebhook } from "@/lib/webhooks/process";
import { createCompanyWithUser } from "./fixtures";

/** An active Sandbox connection with its provider reference, as deliveries name it. */
export async function createWebhookConnection(db: Db): Promise<{ id: string; companyId: string; ref: string }> {
  const { company } = await createCompanyWithUser(db);
  const [institution] = await db.insert(institutions).values({ provider: "sandbox", providerInstitutionId: "leftovers", name: "Leftover Bank", country: "DE" }).returning();
  const ref = `conn_${crypto.randomUUID()}`;
  const [row] = await db.insert(bankConnections).values({
    companyId: company.id, institutionId: institution!.id, provider: "sandbox", state: "active",
    clientId: `cl_${crypto.randomUUID()}`, providerRefEncrypted: "x", providerRefHash: lookupHash(ref),
  }).returning();
  return { id: row!.id, companyId: company.id, ref };
}

/** Verifies and records a Sandbox delivery of `type` for the connection `connectionRef`, and answers it. */
export async function answeredWebhook(db: Db, input: { id: string; type: string; connectionRef: string }): Promise<HandedOnWebhook> {
  const body = JSON.stringify({ id: input.id, type: input.type, connection_id: input.connectionRef, account_ids: [], created_at: new Date().toISOString() });
  const headers = new Headers({ [SIGNATURE_HEADER]: signatureHeader(sandboxServerSecrets().webhookSecret, body, new Date()) });
  const result = await receiveWebhook({ db }, { providerName: "sandbox", headers, rawBody: body });
  if (result.status !== 202) throw new Error(`Delivery ${input.id} answered ${result.status}`);
  return { provider: "sandbox", ...result.event };
}
