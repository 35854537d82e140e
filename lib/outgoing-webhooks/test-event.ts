/** "Send test event": queues a `test` event for one endpoint of the company and sends it now. */
import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import type { Membership } from "@/lib/auth/load-membership";
import { hasKey, storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";
import { deliverDueWebhooks } from "./deliver";
import { enqueueWebhookEvent } from "./enqueue";

export async function sendTestWebhook(db: Db, actor: Pick<Membership, "companyId" | "role">, endpointId: unknown): Promise<{ ok: boolean; message: StoredMessage }> {
  if (actor.role !== "admin") return { ok: false, message: storedMessage("refusals.webhooksAdminOnly") };
  const id = z.uuid().safeParse(endpointId);
  const [endpoint] = id.success
    ? await db.select({ id: webhookEndpoints.id }).from(webhookEndpoints)
      .where(and(eq(webhookEndpoints.id, id.data), eq(webhookEndpoints.companyId, actor.companyId), isNull(webhookEndpoints.disabledAt)))
    : [];
  if (!endpoint) return { ok: false, message: storedMessage("refusals.noSuchEndpoint") };
  const [deliveryId] = await enqueueWebhookEvent(db, {
    companyId: actor.companyId, type: "test", endpointId: endpoint.id, data: { message: "A test event from OpenBankSync." },
  });
  await deliverDueWebhooks(db, { deliveryIds: [deliveryId!] });
  const [delivery] = await db.select({ status: webhookDeliveries.status, lastError: webhookDeliveries.lastError, lastErrorKey: webhookDeliveries.lastErrorKey, lastErrorParams: webhookDeliveries.lastErrorParams })
    .from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId!));
  if (delivery?.status === "delivered") return { ok: true, message: storedMessage("refusals.testDelivered") };
  // The delivery's error in the reader's language; its stored English when its key is unknown here.
  const reason = delivery?.lastErrorKey && hasKey(delivery.lastErrorKey)
    ? storedMessage(delivery.lastErrorKey, delivery.lastErrorParams as StoredMessage["params"]) : delivery?.lastError;
  return {
    ok: false,
    message: storedMessage("refusals.testNotDelivered", {
      reason: reason ?? storedMessage("refusals.unknownDeliveryError"), retry: delivery?.status === "pending" ? "yes" : "no",
    }),
  };
}
