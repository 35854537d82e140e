import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { inEnglish } from "@/lib/i18n/testing/in-english";
import { englishText, showStored } from "@/lib/i18n/stored-message";
import { db } from "@/db/client";
import { webhookDeliveries } from "@/db/schema";
import { createCompanyWithUser } from "@/lib/testing/fixtures";
import { deliverDueWebhooks, RETRY_DELAYS_MS } from "./deliver";
import { enqueueWebhookEvent } from "./enqueue";
import { listWebhookEndpoints, registerWebhookEndpoint, removeWebhookEndpoint, updateWebhookEvents } from "./endpoints";
import { SIGNATURE_HEADER, verifySignature } from "./signature";
import { sendTestWebhook } from "./test-event";

/** A receiver on the loopback interface that answers with the statuses it is given, in turn. */
let server: Server;
let receiverUrl: string;
let received: { headers: IncomingHttpHeaders; body: string }[] = [];
let answers: number[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(answers.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  received = [];
  answers = [];
});

// The receiver is on loopback: these tests run with the operator's "allow private addresses" setting.
const local = { allowPrivate: true };

async function companyWithEndpoint() {
  const { company, user } = await createCompanyWithUser(db, { role: "admin" });
  const actor = { companyId: company.id, userId: user.id, role: "admin" as const };
  const registered = await registerWebhookEndpoint(db, actor, { url: receiverUrl }, local);
  if (!registered.ok) throw new Error(englishText(registered.error));
  return { company, actor, ...registered };
}

const deliveryRow = async (id: string) => (await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)))[0]!;

describe("outgoing webhook delivery", () => {
  it("signs the body and timestamp with the endpoint's secret (HMAC-SHA256), which the receiver verifies", async () => {
    const { company, secret } = await companyWithEndpoint();
    const now = new Date();
    const [id] = await enqueueWebhookEvent(db, { companyId: company.id, type: "sync.failed", data: { message: "bank down" }, now });
    expect(await deliverDueWebhooks(db, { now, ...local })).toEqual({ delivered: 1, retried: 0, failed: 0 });

    expect(received).toHaveLength(1);
    const [request] = received;
    expect(verifySignature(secret, request!.headers[SIGNATURE_HEADER.toLowerCase()] as string, request!.body, { now })).toBe(true);
    expect(verifySignature("whsec_wrong", request!.headers[SIGNATURE_HEADER.toLowerCase()] as string, request!.body, { now })).toBe(false);
    // A changed body or a replay ten minutes later fails the check.
    expect(verifySignature(secret, request!.headers[SIGNATURE_HEADER.toLowerCase()] as string, request!.body.replace("bank down", "all fine"), { now })).toBe(false);
    expect(verifySignature(secret, request!.headers[SIGNATURE_HEADER.toLowerCase()] as string, request!.body, { now: new Date(now.getTime() + 600_000) })).toBe(false);
    expect(request!.headers["openbanksync-event"]).toBe("sync.failed");
    expect(request!.headers["openbanksync-delivery"]).toBe(id);
    expect(JSON.parse(request!.body)).toMatchObject({ id: expect.stringMatching(/^evt_/), type: "sync.failed", data: { message: "bank down" } });
    expect(await deliveryRow(id!)).toMatchObject({ status: "delivered", attempts: 1, lastStatusCode: 200 });
  });

  it("retries a failing endpoint with growing delays, and not before the delay has passed", async () => {
    const { company } = await companyWithEndpoint();
    const start = new Date("2026-12-01T10:00:00Z");
    const [id] = await enqueueWebhookEvent(db, { companyId: company.id, type: "transactions.created", data: { inserted: 3 }, now: start });
    answers = [500, 503];

    expect(await deliverDueWebhooks(db, { now: start, ...local })).toMatchObject({ retried: 1 });
    expect(await deliveryRow(id!)).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500, nextAttemptAt: new Date(start.getTime() + RETRY_DELAYS_MS[0]!) });
    // Too early: nothing is sent.
    expect(await deliverDueWebhooks(db, { now: new Date(start.getTime() + RETRY_DELAYS_MS[0]! - 1000), ...local })).toEqual({ delivered: 0, retried: 0, failed: 0 });
    const second = new Date(start.getTime() + RETRY_DELAYS_MS[0]!);
    await deliverDueWebhooks(db, { now: second, ...local });
    expect(await deliveryRow(id!)).toMatchObject({ attempts: 2, lastStatusCode: 503, nextAttemptAt: new Date(second.getTime() + RETRY_DELAYS_MS[1]!) });
    await deliverDueWebhooks(db, { now: new Date(second.getTime() + RETRY_DELAYS_MS[1]!), ...local });
    expect(await deliveryRow(id!)).toMatchObject({ status: "delivered", attempts: 3, lastStatusCode: 200 });
    expect(received).toHaveLength(3);
    // Every attempt carries the same event.
    expect(new Set(received.map((r) => JSON.parse(r.body).id)).size).toBe(1);
  });

  it("gives up after the last retry and shows it in the endpoint's delivery log", async () => {
    const { company } = await companyWithEndpoint();
    let now = new Date("2026-12-01T10:00:00Z");
    const [id] = await enqueueWebhookEvent(db, { companyId: company.id, type: "sync.failed", data: {}, now });
    answers = Array(10).fill(500);
    for (let attempt = 0; attempt <= RETRY_DELAYS_MS.length; attempt += 1) {
      await deliverDueWebhooks(db, { now, ...local });
      now = new Date(now.getTime() + (RETRY_DELAYS_MS[attempt] ?? 0));
    }
    expect(await deliveryRow(id!)).toMatchObject({ status: "failed", attempts: RETRY_DELAYS_MS.length + 1, lastError: "The endpoint answered HTTP 500." });
    expect(await deliverDueWebhooks(db, { now: new Date(now.getTime() + 86_400_000), ...local })).toEqual({ delivered: 0, retried: 0, failed: 0 });
    const [endpoint] = await listWebhookEndpoints(db, company.id);
    const last = endpoint!.deliveries[0]!;
    expect(last).toMatchObject({ id, status: "failed", eventType: "sync.failed" });
    // The log says it in the reader's language; the English stays for the API.
    expect(showStored({ text: last.lastError, key: last.lastErrorKey, params: last.lastErrorParams }, "id")).toBe("Endpoint menjawab HTTP 500.");
    expect(showStored({ text: last.lastError, key: last.lastErrorKey, params: last.lastErrorParams }, "en")).toBe("The endpoint answered HTTP 500.");
  });

  it("\"Send test event\" delivers at once and says whether the endpoint took it", async () => {
    process.env.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = "true";
    try {
      const { company, actor, endpointId } = await companyWithEndpoint();
      expect(inEnglish(await sendTestWebhook(db, actor, endpointId))).toEqual({ ok: true, message: "Test event delivered." });
      expect(JSON.parse(received[0]!.body)).toMatchObject({ type: "test" });
      answers = [500];
      expect(inEnglish(await sendTestWebhook(db, actor, endpointId))).toEqual({ ok: false, message: "Test event not delivered: The endpoint answered HTTP 500. It will be retried." });
      const other = await createCompanyWithUser(db, { role: "admin" });
      expect(inEnglish(await sendTestWebhook(db, { companyId: other.company.id, role: "admin" }, endpointId))).toMatchObject({ ok: false, message: "No such webhook endpoint." });
      expect((await listWebhookEndpoints(db, company.id))[0]!.deliveries.map((d) => d.status)).toEqual(["pending", "delivered"]);
    } finally {
      delete process.env.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES;
    }
  });

  it("sends nothing to a removed endpoint", async () => {
    const { company, actor, endpointId } = await companyWithEndpoint();
    const [id] = await enqueueWebhookEvent(db, { companyId: company.id, type: "sync.failed", data: {} });
    expect(await removeWebhookEndpoint(db, actor, endpointId)).toEqual({ ok: true });
    await deliverDueWebhooks(db, local);
    expect(received).toHaveLength(0);
    expect(await deliveryRow(id!)).toMatchObject({ status: "failed", lastError: "The endpoint was removed.", lastErrorKey: "webhookDeliveries.endpointRemoved" });
    expect(await enqueueWebhookEvent(db, { companyId: company.id, type: "sync.failed", data: {} })).toEqual([]);
  });

  it("sends each event only to the endpoints that receive it (all by default), and a test event to its endpoint whatever it receives", async () => {
    const { company, actor, endpointId: everything } = await companyWithEndpoint();
    const chosen = await registerWebhookEndpoint(db, actor, { url: `${receiverUrl}/sync-only`, events: ["sync.failed"] }, local);
    if (!chosen.ok) throw new Error(englishText(chosen.error));
    expect((await listWebhookEndpoints(db, company.id)).map((e) => [e.id, e.events])).toEqual(expect.arrayContaining([
      [everything, ["transactions.created", "connection.needs_attention", "sync.failed"]],
      [chosen.endpointId, ["sync.failed"]],
    ]));

    const created = await enqueueWebhookEvent(db, { companyId: company.id, type: "transactions.created", data: {} });
    expect(await Promise.all(created.map(async (id) => (await deliveryRow(id)).endpointId))).toEqual([everything]);
    expect(await enqueueWebhookEvent(db, { companyId: company.id, type: "sync.failed", data: {} })).toHaveLength(2);

    // The admin narrows the first endpoint: the next event no longer goes there.
    expect(await updateWebhookEvents(db, actor, { endpointId: everything, events: ["connection.needs_attention"] })).toEqual({ ok: true });
    expect(await enqueueWebhookEvent(db, { companyId: company.id, type: "transactions.created", data: {} })).toEqual([]);
    expect(inEnglish(await updateWebhookEvents(db, actor, { endpointId: everything, events: [] }))).toEqual({ ok: false, error: "Choose at least one event." });
    expect(await updateWebhookEvents(db, actor, { endpointId: everything, events: ["everything"] })).toMatchObject({ ok: false });
    expect(await updateWebhookEvents(db, { ...actor, role: "user" }, { endpointId: everything, events: ["sync.failed"] })).toMatchObject({ ok: false });
    const other = await createCompanyWithUser(db, { role: "admin" });
    expect(inEnglish(await updateWebhookEvents(db, { companyId: other.company.id, userId: other.user.id, role: "admin" }, { endpointId: everything, events: ["sync.failed"] })))
      .toEqual({ ok: false, error: "No such webhook endpoint." });
    expect((await listWebhookEndpoints(db, company.id)).find((e) => e.id === everything)!.events).toEqual(["connection.needs_attention"]);

    // "Send test event" reaches the endpoint whatever it chose.
    process.env.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = "true";
    try {
      expect(inEnglish(await sendTestWebhook(db, actor, chosen.endpointId))).toEqual({ ok: true, message: "Test event delivered." });
    } finally {
      delete process.env.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES;
    }
    expect(received.at(-1)!.body).toContain('"type":"test"');
  });
});
