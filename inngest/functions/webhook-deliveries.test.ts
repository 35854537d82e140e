import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankConnections, webhookDeliveries } from "@/db/schema";
import { registerWebhookEndpoint } from "@/lib/outgoing-webhooks/endpoints";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { createConsentExpiryWarningFunction } from "./consent-expiry-warning";
import { createWebhookDeliveriesFunction, WEBHOOK_DELIVERY_CRON } from "./webhook-deliveries";

let world: SandboxWorld;
let receiver: Server;
let receiverUrl: string;
const bodies: string[] = [];
beforeAll(async () => {
  world = await startSandboxWorld();
  receiver = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      bodies.push(body);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  // The receiver is on loopback, which only this operator setting allows.
  process.env.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = "true";
});
afterAll(async () => {
  delete process.env.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES;
  await world.server.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

describe("webhook-deliveries (Inngest engine)", () => {
  it("sends the consent warning's connection.needs_attention event on its cron", async () => {
    world.clock.now = new Date("2026-11-25T09:00:00Z");
    const { actor, connectionId } = await connectBank(world, "Demo Bank");
    const registered = await registerWebhookEndpoint(db, { ...actor, role: "admin" }, { url: receiverUrl });
    expect(registered.ok).toBe(true);
    await db.update(bankConnections).set({ consentExpiresAt: new Date("2026-11-28T12:00:00Z") }).where(eq(bankConnections.id, connectionId));
    await new InngestTestEngine({ function: createConsentExpiryWarningFunction({ db, now: () => world.clock.now }) }).execute();

    const fn = createWebhookDeliveriesFunction({ db, now: () => world.clock.now });
    expect(fn.opts.triggers).toEqual([{ cron: WEBHOOK_DELIVERY_CRON }]);
    const run = await new InngestTestEngine({ function: fn }).execute();
    expect(run.result).toEqual({ delivered: 1, retried: 0, failed: 0 });
    expect(JSON.parse(bodies.at(-1)!)).toMatchObject({ type: "connection.needs_attention", data: { connectionId, reason: "consent_expiring" } });
    expect((await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.companyId, actor.companyId)))[0]).toMatchObject({ status: "delivered", lastStatusCode: 204 });
  });
});
