import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { bankConnections, connectionEvents, syncRuns, webhookEvents } from "@/db/schema";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { sandboxServerSecrets } from "@/lib/sandbox/config";
import { SIGNATURE_HEADER, signatureHeader } from "@/lib/sandbox/webhooks";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { POST } from "./route";
import { shownStateOf } from "@/lib/testing/shown-state";

// What the route leaves for after its answer (lib/webhooks/after-answer): the app runs it
// once the answer is returned; here the test runs it, so it can look at the database
// between the answer and the work.
const afterAnswer = vi.hoisted(() => [] as (() => Promise<unknown>)[]);
vi.mock("@/lib/webhooks/after-answer", () => ({
  afterAnswer: (task: () => Promise<unknown>) => afterAnswer.push(task),
}));
const runAfterAnswer = () => Promise.all(afterAnswer.splice(0).map((task) => task()));

let world: SandboxWorld;
let previousBaseUrl: string | undefined;
beforeAll(async () => {
  world = await startSandboxWorld(new Date());
  previousBaseUrl = process.env.SANDBOX_BASE_URL;
  process.env.SANDBOX_BASE_URL = world.server.baseUrl;
});
beforeEach(() => {
  afterAnswer.length = 0;
});
afterAll(async () => {
  process.env.SANDBOX_BASE_URL = previousBaseUrl;
  await world.server.close();
});

function delivery(input: { id: string; type: string; connectionRef: string; signedAt?: Date; tamper?: boolean }) {
  const body = JSON.stringify({ id: input.id, type: input.type, connection_id: input.connectionRef, account_ids: [], created_at: new Date().toISOString() });
  const signature = signatureHeader(sandboxServerSecrets().webhookSecret, body, input.signedAt ?? new Date());
  return new Request("http://app.test/api/webhooks/sandbox", {
    method: "POST",
    headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signature },
    body: input.tamper ? body.replace(input.type, "login_required") : body,
  });
}

const params = { params: Promise.resolve({ provider: "sandbox" }) };

async function connectionRef(connectionId: string) {
  const [row] = await db.select().from(bankConnections).where(eq(bankConnections.id, connectionId));
  return decryptSecret(row!.providerRefEncrypted!);
}

describe("POST /api/webhooks/[provider]", () => {
  it("answers a signed delivery once it is recorded, and synchronizes the connection only after the answer", async () => {
    const { connectionId } = await connectBank(world, "Demo Bank 90 days");
    await db.delete(syncRuns);
    const response = await POST(delivery({ id: "wh_1", type: "transactions.available", connectionRef: await connectionRef(connectionId) }), params);
    expect(response.status).toBe(202);
    expect((await db.select().from(webhookEvents)).map((e) => [e.dedupeKey, e.processedAt])).toEqual([["wh_1", null]]);
    expect(await db.select().from(syncRuns)).toEqual([]);
    await runAfterAnswer();
    expect((await db.select().from(syncRuns).where(eq(syncRuns.connectionId, connectionId))).map((r) => [r.trigger, r.status])).toEqual([["webhook", "succeeded"]]);
    expect((await db.select().from(webhookEvents))[0]?.processedAt).not.toBeNull();
  });

  it("records a delivery sent many times at once exactly once, and synchronizes once", async () => {
    const { connectionId } = await connectBank(world, "Demo Bank 90 days");
    const ref = await connectionRef(connectionId);
    await db.delete(syncRuns);
    const answers = await Promise.all(Array.from({ length: 24 }, () => POST(delivery({ id: "wh_burst", type: "transactions.available", connectionRef: ref }), params)));
    expect(answers.map((a) => a.status).sort()).toEqual([...Array<number>(23).fill(200), 202]);
    expect(await db.select().from(webhookEvents)).toHaveLength(1);
    await runAfterAnswer();
    expect((await db.select().from(syncRuns).where(eq(syncRuns.connectionId, connectionId))).map((r) => r.trigger)).toEqual(["webhook"]);
  });

  it("answers a burst of different deliveries each with its own record, keeping none for unknown connections", async () => {
    const { connectionId } = await connectBank(world, "Demo Bank 90 days");
    const ref = await connectionRef(connectionId);
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => POST(delivery({ id: `wh_many_${i}`, type: "consent.expiring", connectionRef: i % 3 === 0 ? "conn_nobody_has" : ref }), params)));
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? 200 : 202)));
    expect((await db.select().from(webhookEvents)).map((e) => e.dedupeKey).sort()).toEqual(Array.from({ length: 30 }, (_, i) => i).filter((i) => i % 3 !== 0).map((i) => `wh_many_${i}`).sort());
    await runAfterAnswer();
    // After the answers: each delivery said once in the connection log, and marked handled.
    const warnings = await db.select().from(connectionEvents).where(and(eq(connectionEvents.connectionId, connectionId), like(connectionEvents.message, "%consent expires soon%")));
    expect(warnings).toHaveLength(20);
    expect((await db.select().from(webhookEvents)).filter((e) => e.processedAt === null)).toEqual([]);
  });

  it("puts the connection in the error state when the bank asks the user to sign in again", async () => {
    const { connectionId } = await connectBank(world, "Demo Bank 90 days");
    const response = await POST(delivery({ id: "wh_2", type: "login_required", connectionRef: await connectionRef(connectionId) }), params);
    expect(response.status).toBe(202);
    await runAfterAnswer();
    expect(await shownStateOf(connectionId)).toBe("error");
  });

  it("refuses forged and stale deliveries with 401 and writes nothing", async () => {
    const { connectionId } = await connectBank(world, "Demo Bank 90 days");
    const ref = await connectionRef(connectionId);
    expect((await POST(delivery({ id: "wh_3", type: "transactions.available", connectionRef: ref, tamper: true }), params)).status).toBe(401);
    const stale = delivery({ id: "wh_4", type: "transactions.available", connectionRef: ref, signedAt: new Date(Date.now() - 10 * 60_000) });
    expect((await POST(stale, params)).status).toBe(401);
    const unsigned = new Request("http://app.test/api/webhooks/sandbox", { method: "POST", body: "{}" });
    expect((await POST(unsigned, params)).status).toBe(401);
    expect(await db.select().from(webhookEvents)).toEqual([]);
  });

  it("acknowledges a replayed delivery without doing the work twice", async () => {
    const { connectionId } = await connectBank(world, "Demo Bank 90 days");
    const ref = await connectionRef(connectionId);
    const runsBefore = (await db.select().from(syncRuns).where(eq(syncRuns.connectionId, connectionId))).length;
    expect((await POST(delivery({ id: "wh_5", type: "transactions.available", connectionRef: ref }), params)).status).toBe(202);
    const replay = await POST(delivery({ id: "wh_5", type: "transactions.available", connectionRef: ref }), params);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ received: true, duplicate: true });
    expect(afterAnswer).toHaveLength(1);
    await runAfterAnswer();
    expect(await db.select().from(syncRuns).where(eq(syncRuns.connectionId, connectionId))).toHaveLength(runsBefore + 1);
    expect(await db.select().from(webhookEvents)).toHaveLength(1);
  });

  it("answers a delivery for a connection we do not have, and keeps nothing of it", async () => {
    const response = await POST(delivery({ id: "wh_6", type: "login_required", connectionRef: "conn_nobody_has" }), params);
    expect(response.status).toBe(200);
    expect(await db.select().from(webhookEvents)).toEqual([]);
  });

  it("refuses a body past 256 KB with 413, counting bytes", async () => {
    const { connectionId } = await connectBank(world, "Demo Bank 90 days");
    const ref = await connectionRef(connectionId);
    // About 400 KB of "é" is 200,000 characters: under the limit by characters, over it by bytes.
    const body = JSON.stringify({ id: "wh_7", type: "transactions.available", connection_id: ref, account_ids: [], padding: "é".repeat(200_000), created_at: new Date().toISOString() });
    const request = new Request("http://app.test/api/webhooks/sandbox", {
      method: "POST",
      headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signatureHeader(sandboxServerSecrets().webhookSecret, body, new Date()) },
      body,
    });
    expect((await POST(request, params)).status).toBe(413);
    expect(await db.select().from(webhookEvents)).toEqual([]);
  });

  it("answers 404 for a provider that does not exist", async () => {
    const response = await POST(new Request("http://app.test/api/webhooks/nope", { method: "POST", body: "{}" }), { params: Promise.resolve({ provider: "nope" }) });
    expect(response.status).toBe(404);
  });
});
