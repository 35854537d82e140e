import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishText } from "@/lib/i18n/stored-message";
import { db } from "@/db/client";
import { transactions } from "@/db/schema";
import { createCompanyWithUser, createManualBankAccount } from "@/lib/testing/fixtures";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { insertLines } from "@/lib/testing/transaction-rows";
import { createApiKey } from "./keys";
import { callApi } from "./testing/api-client";

type Page = { data: { id: number; bookingDate: string; description: string; status: string }[]; nextSince: string | null; hasMore: boolean };

async function keyFor(companyId: string, userId: string, scope: "read" | "read_sync" = "read") {
  const created = await createApiKey(db, { companyId, userId, role: "admin" }, { name: "Ledger", scope });
  if (!created.ok) throw new Error(englishText(created.error));
  return created.key;
}

async function setup() {
  const { company, user } = await createCompanyWithUser(db);
  const account = await createManualBankAccount(db, company.id);
  return { company, user, account, key: await keyFor(company.id, user.id) };
}

async function page(key: string, query: Record<string, string>): Promise<Page> {
  const response = await callApi("GET /transactions", { key, query });
  expect(response.status).toBe(200);
  return response.body as unknown as Page;
}

/** The run as GET /runs/{runId} shows it once it is no longer running (the background engine's end). */
async function pollRun(key: string, runId: string) {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const run = await callApi("GET /runs/{runId}", { key, params: { runId } });
    expect(run.status).toBe(200);
    if (run.body.status !== "running") return run.body;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`run ${runId} still running`);
}

describe("GET /api/v1/transactions", () => {
  it("pages by insertion order, and the since cursor returns a line booked late with an old date", async () => {
    const { account, key } = await setup();
    await insertLines(account.id, [
      { id: "a", date: "2026-11-01", amount: "-1.00", description: "first" },
      { id: "b", date: "2026-11-02", amount: "-2.00", description: "second" },
      { id: "c", date: "2026-11-03", amount: "-3.00", description: "third" },
    ]);
    const first = await page(key, { limit: "2" });
    expect(first.data.map((t) => t.description)).toEqual(["first", "second"]);
    expect(first.hasMore).toBe(true);
    const second = await page(key, { limit: "2", since: first.nextSince! });
    expect(second.data.map((t) => t.description)).toEqual(["third"]);
    expect(second.hasMore).toBe(false);

    // The bank books a line late, dated before everything the client has read.
    await insertLines(account.id, [{ id: "late", date: "2026-10-15", amount: "-9.99", description: "booked late" }]);
    const next = await page(key, { since: second.nextSince! });
    expect(next.data.map((t) => [t.description, t.bookingDate])).toEqual([["booked late", "2026-10-15"]]);
    // Polling with nothing new keeps the cursor where it is.
    const idle = await page(key, { since: next.nextSince! });
    expect(idle).toEqual({ data: [], nextSince: next.nextSince, hasMore: false });
  });

  it("does not read past a line that a still-running database transaction is writing", async () => {
    const { account, key } = await setup();
    await insertLines(account.id, [{ id: "before", date: "2026-11-01", amount: "-1.00", description: "before" }]);
    const start = await page(key, {});
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const insertedSignal = new Promise<void>((resolve) => (inserted = resolve));
    // A slow sync: takes the lower id first and commits last.
    const slow = db.transaction(async (tx) => {
      await tx.insert(transactions).values({ bankAccountId: account.id, onlineTransactionId: "slow", bookingDate: "2026-11-05", amount: "-5.00", currency: "EUR", description: "slow sync" });
      inserted();
      await held;
    });
    await insertedSignal;
    await insertLines(account.id, [{ id: "fast", date: "2026-11-06", amount: "-6.00", description: "fast sync" }]);

    const during = await page(key, { since: start.nextSince! });
    expect(during.data).toEqual([]);
    release();
    await slow;
    const after = await page(key, { since: during.nextSince! });
    expect(after.data.map((t) => t.description)).toEqual(["slow sync", "fast sync"]);
  });

  it("filters by account, booking date and reconciliation status", async () => {
    const { company, account, key } = await setup();
    const other = await createManualBankAccount(db, company.id, { accountNumber: "GB33BUKB20201555555555", name: "Other" });
    await insertLines(account.id, [
      { id: "r", date: "2026-11-01", amount: "-1.00", description: "reconciled", reconciled: true },
      { id: "u", date: "2026-11-10", amount: "-2.00", description: "open" },
    ]);
    await insertLines(other.id, [{ id: "o", date: "2026-11-05", amount: "-3.00", description: "other account" }]);
    const describe = (p: Page) => p.data.map((t) => t.description);
    expect(describe(await page(key, { accountId: other.id }))).toEqual(["other account"]);
    expect(describe(await page(key, { from: "2026-11-02", to: "2026-11-30" }))).toEqual(["open", "other account"]);
    expect(describe(await page(key, { status: "reconciled" }))).toEqual(["reconciled"]);
    expect(describe(await page(key, { status: "unreconciled", accountId: account.id }))).toEqual(["open"]);
  });
});

describe("connections and sync requests", () => {
  let world: SandboxWorld;
  let previousBaseUrl: string | undefined;
  beforeAll(async () => {
    world = await startSandboxWorld();
    previousBaseUrl = process.env.SANDBOX_BASE_URL;
    process.env.SANDBOX_BASE_URL = world.server.baseUrl;
  });
  afterAll(async () => {
    process.env.SANDBOX_BASE_URL = previousBaseUrl;
    await world.server.close();
  });

  it("lists connections with their state and last run, and a read+sync key fetches transactions", async () => {
    const { actor, connectionId } = await connectBank(world, "Demo Bank");
    const key = await keyFor(actor.companyId, actor.userId, "read_sync");
    const connections = await callApi("GET /connections", { key });
    expect(connections.body.data).toEqual([
      expect.objectContaining({ id: connectionId, state: "active", institutionName: "Demo Bank", lastRun: expect.objectContaining({ status: "succeeded", trigger: "first_sync" }) }),
    ]);
    const accounts = (await callApi("GET /accounts", { key })).body.data as { id: string; connectionId: string }[];
    expect(accounts.length).toBeGreaterThan(0);

    // Answered at once with the run the background engine carries out, not its outcome.
    const sync = await callApi("POST /accounts/{accountId}/sync", { key, params: { accountId: accounts[0]!.id } });
    expect(sync.status).toBe(202);
    expect(sync.body).toMatchObject({ id: expect.any(String), status: "running", trigger: "manual", finishedAt: null });
    expect(sync.headers.get("location")).toBe(`/api/v1/runs/${sync.body.id}`);
    expect((await callApi("POST /accounts/{accountId}/sync", { key, params: { accountId: accounts[0]!.id } })).status).toBe(409);

    const finished = await pollRun(key, String(sync.body.id));
    expect(finished).toMatchObject({ id: sync.body.id, status: "succeeded", trigger: "manual", finishedAt: expect.any(String) });
    const after = (await callApi("GET /connections", { key })).body.data as { lastRun: { id: string; trigger: string } }[];
    expect(after[0]!.lastRun).toMatchObject({ id: sync.body.id, trigger: "manual" });
    // Another company's key does not see the run.
    const other = await createCompanyWithUser(db);
    expect((await callApi("GET /runs/{runId}", { key: await keyFor(other.company.id, other.user.id), params: { runId: String(sync.body.id) } })).status).toBe(404);
  });

  it("reports a manual account's sync request as refused, not as an error", async () => {
    const { company, user } = await createCompanyWithUser(db);
    const account = await createManualBankAccount(db, company.id);
    const key = await keyFor(company.id, user.id, "read_sync");
    const sync = await callApi("POST /accounts/{accountId}/sync", { key, params: { accountId: account.id } });
    expect(sync.status).toBe(409);
    expect(sync.contentType).toBe("application/problem+json");
    expect(sync.body).toMatchObject({ type: "/api/v1/docs#problem-conflict", detail: expect.stringMatching(/not synchronized/) });
  });
});
