/**
 * The Sandbox announces new transactions by webhook, and the whole chain works: the app
 * gave its webhook URL when connecting, the Sandbox signs and posts to it, our webhook
 * route verifies it and a "webhook" sync runs.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankConnections, syncRuns } from "@/db/schema";
import { POST as webhookRoute } from "@/app/api/webhooks/[provider]/route";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { sandboxServerSecrets } from "./config";
import { addDays, dayOf } from "./days";
import { announceNewTransactions } from "./notifier";

let world: SandboxWorld;
let receiver: Server;
let received: { type: string; status: number }[] = [];
let answerWith: number | null = null;
const saved = { base: process.env.SANDBOX_BASE_URL, webhook: process.env.WEBHOOK_PUBLIC_URL };

beforeAll(async () => {
  world = await startSandboxWorld(new Date());
  process.env.SANDBOX_BASE_URL = world.server.baseUrl;
  // Plays the app's public origin: hands each delivery to the real webhook route.
  receiver = createServer((message, reply) => {
    const chunks: Buffer[] = [];
    message.on("data", (chunk: Buffer) => chunks.push(chunk));
    message.on("end", () => {
      void (async () => {
        const body = Buffer.concat(chunks).toString("utf8");
        const type = (JSON.parse(body) as { type: string }).type;
        if (answerWith !== null) {
          received.push({ type, status: answerWith });
          reply.writeHead(answerWith).end();
          return;
        }
        const headers = new Headers(Object.entries(message.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : [])));
        const response = await webhookRoute(new Request(`http://app.test${message.url}`, { method: "POST", headers, body }), {
          params: Promise.resolve({ provider: "sandbox" }),
        });
        received.push({ type, status: response.status });
        reply.writeHead(response.status).end();
      })();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  process.env.WEBHOOK_PUBLIC_URL = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});

afterAll(async () => {
  process.env.SANDBOX_BASE_URL = saved.base;
  process.env.WEBHOOK_PUBLIC_URL = saved.webhook;
  await new Promise((resolve) => receiver.close(resolve));
  await world.server.close();
});

beforeEach(() => {
  received = [];
  answerWith = null;
});

const context = () => ({ store: world.server.store, now: () => world.clock.now, webhookSecret: sandboxServerSecrets().webhookSecret });

async function sandboxConnectionOf(connectionId: string) {
  const [row] = await db.select().from(bankConnections).where(eq(bankConnections.id, connectionId));
  return (await world.server.store.getConnection(decryptSecret(row!.providerRefEncrypted!)))!;
}

describe("Sandbox webhooks when its data changes", () => {
  it("announces new days' transactions once, to the URL given at connect, and the app synchronizes", async () => {
    const { connectionId } = await connectBank(world, "Demo Bank");
    const atBank = await sandboxConnectionOf(connectionId);
    expect(atBank.webhookUrl).toBe(`${process.env.WEBHOOK_PUBLIC_URL}/api/webhooks/sandbox`);

    // Connected today: nothing new to announce yet.
    expect(await announceNewTransactions(context())).toEqual({ announced: 0, failed: 0 });
    expect(received).toEqual([]);

    // The last announcement was days ago: the bank has news, says so once.
    await world.server.store.updateConnection(atBank.id, { notifiedThrough: addDays(dayOf(world.clock.now), -5), updatedAt: world.clock.now });
    await db.delete(syncRuns);
    expect(await announceNewTransactions(context())).toEqual({ announced: 1, failed: 0 });
    expect(received).toEqual([{ type: "transactions.available", status: 202 }]);
    await expect
      .poll(async () => (await db.select().from(syncRuns).where(eq(syncRuns.connectionId, connectionId))).map((r) => [r.trigger, r.status]), { timeout: 10_000 })
      .toEqual([["webhook", "succeeded"]]);

    expect(await announceNewTransactions(context())).toEqual({ announced: 0, failed: 0 });
    expect(received).toHaveLength(1);
  });

  it("tries a failed delivery again on the next pass, and stops once the consent is revoked", async () => {
    const { connectionId } = await connectBank(world, "Demo Bank");
    const atBank = await sandboxConnectionOf(connectionId);
    await world.server.store.updateConnection(atBank.id, { notifiedThrough: addDays(dayOf(world.clock.now), -5), updatedAt: world.clock.now });

    answerWith = 503;
    expect(await announceNewTransactions(context())).toEqual({ announced: 0, failed: 1 });
    answerWith = 200;
    expect(await announceNewTransactions(context())).toEqual({ announced: 1, failed: 0 });

    await world.server.store.updateConnection(atBank.id, { notifiedThrough: addDays(dayOf(world.clock.now), -5), revokedAt: world.clock.now, updatedAt: world.clock.now });
    expect(await announceNewTransactions(context())).toEqual({ announced: 0, failed: 0 });
    expect(received.map((r) => r.status)).toEqual([503, 200]);
  });
});
