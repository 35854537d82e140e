/**
 * The app's own services (directory, connect, sync, security code, callback intake and
 * processing, delete) running on the Salt Edge adapter against its contract mock and the
 * test database: what a user of a Salt Edge bank sees, with nothing Salt Edge-specific in
 * between except its signed callbacks.
 */
import { generateKeyPairSync } from "node:crypto";
import { and, asc, desc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankAccounts, bankConnections, connectionEvents, institutions, pendingTransactions, syncRuns, transactions, webhookDeliveries, webhookEvents } from "@/db/schema";
import { completeConnect, startConnect, type ConnectDeps } from "@/lib/connections/connect";
import { deleteConnection } from "@/lib/connections/delete";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { refreshInstitutions } from "@/lib/institutions/directory";
import { AlreadyConnected } from "@/lib/providers/errors";
import type { Provider } from "@/lib/providers/types";
import { fetchTransactionsForAccount, submitSecurityCode } from "@/lib/sync/fetch-account";
import { syncConnection } from "@/lib/sync/run-sync";
import { completeAndSelectAll } from "@/lib/testing/connect-flow";
import { createCompanyWithUser } from "@/lib/testing/fixtures";
import { receiveWebhook } from "@/lib/webhooks/intake";
import { processWebhook } from "@/lib/webhooks/process";
import { clearSaltEdgeCustomerMemory, createSaltEdgeProvider } from "./saltedge-provider";
import { errorFromClass } from "./transform";
import { mockBanks } from "./testing/fixtures";
import { serveSaltEdgeMock, type SaltEdgeMock } from "./testing/mock-server";
import { shownStateOf } from "@/lib/testing/shown-state";
import { englishText, renderStoredMessage, showStored } from "@/lib/i18n/stored-message";
import { registerWebhookEndpoint } from "@/lib/outgoing-webhooks/endpoints";

const APP_ID = "app-id-123";
const SECRET = "secret-456";
const CALLBACK = "http://app.test/connect/callback";
const WEBHOOK_URL = "http://app.test/api/webhooks/saltedge";
const START = new Date("2025-06-15T10:00:00.000Z");
const MINUTE_MS = 60_000;
const appKeys = generateKeyPairSync("rsa", { modulusLength: 2048 });

const clock = { now: START };
let mock: SaltEdgeMock;
let provider: Provider;
let deps: ConnectDeps;

beforeEach(async () => {
  clock.now = START;
  clearSaltEdgeCustomerMemory();
  mock = await serveSaltEdgeMock({ appId: APP_ID, secret: SECRET, appPublicKey: appKeys.publicKey, banks: mockBanks(), now: () => clock.now, pageSize: 2 });
  provider = createSaltEdgeProvider(
    {
      appId: APP_ID, secret: SECRET, privateKey: appKeys.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      callbackPublicKey: mock.callbackPublicKeyPem, callbackUrl: WEBHOOK_URL, baseUrl: mock.baseUrl,
      timeoutMs: 5_000, refreshWaitMs: 2_000, refreshPollMs: 1, historyDays: 365,
    },
    { now: () => clock.now },
  );
  deps = { db, provider: () => provider, now: () => clock.now };
});

afterEach(async () => {
  await mock.close();
});

type Actor = { companyId: string; userId: string };

async function newActor(): Promise<Actor> {
  const { company, user } = await createCompanyWithUser(db);
  return { companyId: company.id, userId: user.id };
}

/** Starts a connection from the directory row and follows Salt Edge Connect back to our callback. */
async function consentAt(actor: Actor, bankCode: string) {
  await refreshInstitutions(db, provider, clock.now);
  const [institution] = await db.select().from(institutions).where(and(eq(institutions.provider, "saltedge"), eq(institutions.providerInstitutionId, bankCode)));
  const started = await startConnect(deps, actor, { institutionId: institution!.id, consent: true, callbackUrl: CALLBACK });
  if (!started.ok) throw new Error(englishText(started.error));
  return mock.followConnect(started.redirectUrl);
}

async function connect(bankCode: string, actor?: Actor) {
  const who = actor ?? (await newActor());
  return { actor: who, ...(await completeAndSelectAll(deps, who, (await consentAt(who, bankCode)).searchParams)) };
}

async function accountLines(actor: Actor, providerAccountId: string) {
  const [account] = await db.select().from(bankAccounts).where(and(eq(bankAccounts.companyId, actor.companyId), eq(bankAccounts.providerAccountId, providerAccountId)));
  const lines = await db.select().from(transactions).where(eq(transactions.bankAccountId, account!.id)).orderBy(asc(transactions.bookingDate), asc(transactions.id));
  return { account: account!, lines };
}

async function connection(connectionId: string) {
  const [row] = await db.select().from(bankConnections).where(eq(bankConnections.id, connectionId));
  return row!;
}

/** A callback as Salt Edge posts it, through the intake (verify, record) and, when accepted, the processing. */
async function deliverCallback(connectionId: string, data: Record<string, unknown>, options: { tamper?: (body: string) => string } = {}) {
  const ref = decryptSecret((await connection(connectionId)).providerRefEncrypted!);
  const { body, headers } = mock.signedCallback(WEBHOOK_URL, { connection_id: ref, customer_id: mock.connection(ref)!.customerId, custom_fields: {}, ...data });
  const rawBody = options.tamper ? options.tamper(body) : body;
  const received = await receiveWebhook({ db, provider: () => provider }, { providerName: "saltedge", headers, rawBody, now: clock.now });
  if (received.status === 202) await processWebhook(deps, received.event);
  return received;
}

describe("a Salt Edge bank in the app", () => {
  it("imports every posted line right after consent, while Salt Edge allows no refresh yet, and says when it will", async () => {
    const { actor, connectionId, outcome } = await connect("fakebank_simple_xf");
    const ref = decryptSecret((await connection(connectionId)).providerRefEncrypted!);
    const nextRefresh = new Date(START.getTime() + 60 * MINUTE_MS);
    expect(mock.connection(ref)?.nextRefreshPossibleAt).toBe(nextRefresh.toISOString());
    // Every posted line Salt Edge fetched at consent, read without asking for a refresh.
    const posted = mockBanks().flatMap((bank) => bank.accounts).filter((a) => a.id === "2001").flatMap((a) => a.transactions).filter((t) => t.status === "posted");
    expect(outcome).toMatchObject({ status: "succeeded", inserted: posted.length });
    expect((await accountLines(actor, "2001")).lines.map((l) => l.onlineTransactionId).sort()).toEqual(posted.map((t) => t.id).sort());
    expect(mock.requests.filter((r) => r.path.endsWith("/background_refresh"))).toEqual([]);
    const [run] = await db.select().from(syncRuns).where(eq(syncRuns.connectionId, connectionId));
    expect(run).toMatchObject({ status: "succeeded", errorCode: null, retryAfter: null, nextRefreshAt: nextRefresh, historyFrom: "2024-06-15" });
    const log = (await db.select().from(connectionEvents).where(eq(connectionEvents.connectionId, connectionId))).map((e) => e.message);
    expect(log).toContain("Salt Edge refreshed this connection recently and allows the next refresh after 2025-06-15 11:00 UTC; the transactions it already holds were read.");
    expect(log).toContain("Business current: first synchronization read the bank's history back to 2024-06-15, 365 days; the oldest transaction it returned is dated 2025-03-01.");

    // Fetch Transactions before the refresh time reads again: not a failure, not rate limited.
    clock.now = new Date(START.getTime() + 30 * MINUTE_MS);
    const { account } = await accountLines(actor, "2001");
    const early = await fetchTransactionsForAccount(deps, actor, { bankAccountId: account.id });
    expect(early).toMatchObject({ status: "succeeded", inserted: 0, message: "No new transactions; next refresh possible after 2025-06-15 11:00 UTC" });
    expect(await connection(connectionId)).toMatchObject({ state: "active", lastErrorCode: null });
  });

  it("imports the posted lines once with the pending one kept apart, syncs on a signed callback, refuses a forged one and revokes on delete", async () => {
    const { actor, connectionId, outcome } = await connect("fakebank_simple_xf");
    // Four posted lines in the 365 days the bank keeps; the pending card payment is not booked.
    expect(outcome).toMatchObject({ status: "succeeded", inserted: 4 });
    expect(outcome.message).toBe("4 new transactions; history read back to 2024-06-15; next refresh possible after 2025-06-15 11:00 UTC");
    const { account, lines } = await accountLines(actor, "2001");
    expect(account).toMatchObject({ name: "Business current", currency: "GBP", balance: "2012.7000" });
    expect(lines.map((l) => [l.bookingDate, l.amount, l.description, l.partnerName])).toEqual([
      ["2025-03-01", "-99.9900", "Before the window", null],
      ["2025-06-01", "1500.0000", "Invoice 1001", "Customer Ltd"],
      ["2025-06-02", "-1.0000", "Card fee", "Bank"],
      ["2025-06-03", "-3.5000", "Coffee", "Cafe London"],
    ]);
    const pending = await db.select().from(pendingTransactions).where(eq(pendingTransactions.bankAccountId, account.id));
    expect(pending.map((p) => [p.onlineTransactionId, p.amount, p.description])).toEqual([["3005", "-42.0000", "Card payment (pending)"]]);

    // Salt Edge allows the next refresh an hour later; then nothing new is found.
    clock.now = new Date(START.getTime() + 61 * MINUTE_MS);
    const again = await syncConnection(deps, { companyId: actor.companyId, connectionId, trigger: "manual", actorUserId: actor.userId });
    expect(again).toMatchObject({ status: "succeeded", inserted: 0 });
    expect((await accountLines(actor, "2001")).lines).toHaveLength(4);

    // Salt Edge says it holds new data: the callback starts a sync that books the new line.
    mock.addTransaction("2001", { id: "3006", made_on: "2025-06-15", amount: "-20", currency_code: "GBP", description: "Paper", status: "posted", extra: { payee: "Office Supplies" } });
    clock.now = new Date(START.getTime() + 122 * MINUTE_MS);
    const received = await deliverCallback(connectionId, { stage: "finish" });
    expect(received).toMatchObject({ status: 202, event: { kind: "transactions_available", connectionId, companyId: actor.companyId } });
    const runs = await db.select().from(syncRuns).where(eq(syncRuns.connectionId, connectionId)).orderBy(asc(syncRuns.startedAt));
    expect(runs.map((r) => [r.trigger, r.status, r.inserted])).toEqual([["first_sync", "succeeded", 4], ["manual", "succeeded", 0], ["webhook", "succeeded", 1]]);
    expect((await accountLines(actor, "2001")).lines.at(-1)).toMatchObject({ bookingDate: "2025-06-15", amount: "-20.0000", description: "Paper", onlineTransactionId: "3006" });
    expect((await db.select().from(webhookEvents)).map((e) => [e.eventType, e.processedAt !== null])).toEqual([["success", true]]);

    // A body changed after Salt Edge signed it is refused and leaves no trace.
    const forged = await deliverCallback(connectionId, { stage: "finish" }, { tamper: (body) => body.replace('"finish"', '"fetch_accounts"') });
    expect(forged).toEqual({ status: 401, body: { error: "Invalid signature." } });
    expect(await db.select().from(webhookEvents)).toHaveLength(1);
    expect(await db.select().from(syncRuns).where(eq(syncRuns.connectionId, connectionId))).toHaveLength(3);

    const ref = decryptSecret((await connection(connectionId)).providerRefEncrypted!);
    expect(await deleteConnection(deps, actor, connectionId)).toMatchObject({ status: "deleted", accountsKept: 2 });
    expect(mock.connection(ref)?.removed).toBe(true);
    expect(mock.requests.filter((r) => r.method === "DELETE").map((r) => [r.path, r.status])).toEqual([[`/api/v6/connections/${ref}`, 200]]);
    expect((await accountLines(actor, "2001")).lines).toHaveLength(5);
  });

  it("refuses a second connection of the same bank login with the duplicate's explanation, and creates nothing", async () => {
    const { actor } = await connect("fakebank_simple_xf");
    const back = await consentAt(actor, "fakebank_simple_xf");
    const result = await completeConnect(deps, actor, back.searchParams);
    // Salt Edge answers DuplicatedConnection; the adapter makes it the typed AlreadyConnected.
    expect(errorFromClass("DuplicatedConnection", null)).toBeInstanceOf(AlreadyConnected);
    expect(result).toEqual({ ok: false, error: expect.anything() as unknown, connectionId: expect.any(String) as string });
    expect(!result.ok && englishText(result.error)).toMatch(/already been synchronized/);
    expect(await connection(result.ok ? "" : result.connectionId!)).toMatchObject({ state: "disconnected", providerRefEncrypted: null });
    expect(await db.select().from(bankAccounts).where(eq(bankAccounts.companyId, actor.companyId))).toHaveLength(2);
  });

  it("pauses the interactive bank's sync for the SMS code, keeps it waiting through Salt Edge's interactive callback, and resumes with the code", async () => {
    const { actor, connectionId, outcome } = await connect("fake_interactive_xf");
    // The SMS code was entered on Salt Edge's page at consent: the first sync reads what was fetched then.
    expect(outcome).toMatchObject({ status: "succeeded", inserted: 1 });
    const { account } = await accountLines(actor, "2101");

    // An hour later a refresh is possible again, and the bank asks for a new code.
    mock.addTransaction("2101", { id: "3102", made_on: "2025-06-15", amount: "-5", currency_code: "EUR", description: "Fee", status: "posted" });
    clock.now = new Date(START.getTime() + 61 * MINUTE_MS);
    const asked = await fetchTransactionsForAccount(deps, actor, { bankAccountId: account.id });
    expect(asked).toMatchObject({ status: "waiting_mfa", inserted: 0, message: "Enter the SMS code sent to +44 ***12" });
    expect(await shownStateOf(connectionId)).toBe("waiting_mfa");

    // Salt Edge also posts the interactive stage to our callback URL: the wait goes on.
    const received = await deliverCallback(connectionId, { stage: "interactive", html: "<div>Enter the <b>SMS code</b></div>", interactive_fields_names: ["sms"] });
    expect(received).toMatchObject({ status: 202, event: { kind: "login_required", connectionId } });
    expect(await shownStateOf(connectionId)).toBe("waiting_mfa");
    const log = await db.select({ level: connectionEvents.level }).from(connectionEvents).where(eq(connectionEvents.connectionId, connectionId));
    expect(log.filter((e) => e.level === "error")).toEqual([]);

    // The user enters the code where the app asks for it (Fetch Transactions on the account).
    const resumed = await submitSecurityCode(deps, actor, { bankAccountId: account.id, code: "123456" });
    expect(resumed).toMatchObject({ status: "succeeded", inserted: 1 });
    expect((await accountLines(actor, "2101")).lines.map((l) => [l.bookingDate, l.amount, l.description, l.partnerName])).toEqual([
      ["2025-06-05", "-10.2500", "Transfer", "Anna"],
      ["2025-06-15", "-5.0000", "Fee", null],
    ]);
    expect(await shownStateOf(connectionId)).toBe("active");
    const runs = await db.select().from(syncRuns).where(eq(syncRuns.connectionId, connectionId)).orderBy(asc(syncRuns.startedAt));
    expect(runs.map((r) => [r.trigger, r.status])).toEqual([["first_sync", "succeeded"], ["manual", "succeeded"]]);
  });

  it("asks an Indonesian reader for the code in Indonesian when the bank writes no words, and keeps the bank's words as they came", async () => {
    const actor = await newActor();
    const registered = await registerWebhookEndpoint(db, { ...actor, role: "admin" }, { url: "https://ledger.example/hook" }, { allowPrivate: false, resolve: async () => ["93.184.216.34"] });
    expect(registered.ok).toBe(true);
    const { connectionId } = await connect("fake_interactive_xf", actor);
    const { account } = await accountLines(actor, "2101");
    /** The newest connection log line and the run waiting for the code, as an Indonesian reader is shown them. */
    const waitingRun = async () => {
      const [run] = await db.select().from(syncRuns).where(and(eq(syncRuns.connectionId, connectionId), eq(syncRuns.status, "waiting_mfa")));
      const [logged] = await db
        .select({ text: connectionEvents.message, key: connectionEvents.messageKey, params: connectionEvents.messageParams })
        .from(connectionEvents)
        .where(and(eq(connectionEvents.connectionId, connectionId), eq(connectionEvents.syncRunId, run!.id)))
        .orderBy(desc(connectionEvents.id))
        .limit(1);
      return { prompt: run!.mfaPrompt, logInIndonesian: showStored(logged!, "id") };
    };

    mock.setInteractiveHtml("fake_interactive_xf", null);
    clock.now = new Date(START.getTime() + 61 * MINUTE_MS);
    const silent = await fetchTransactionsForAccount(deps, actor, { bankAccountId: account.id });
    expect(silent).toMatchObject({ status: "waiting_mfa", mfa: { prompt: null }, message: "The bank asks for a security code. Enter the code it sent you." });
    expect(renderStoredMessage(silent.text!, "id")).toBe("Bank meminta kode keamanan. Masukkan kode yang dikirim bank kepada Anda.");
    expect(await waitingRun()).toEqual({ prompt: null, logInIndonesian: "Bank meminta kode keamanan. Masukkan kode yang dikirim bank kepada Anda." });
    expect(await submitSecurityCode(deps, actor, { bankAccountId: account.id, code: "123456" })).toMatchObject({ status: "succeeded" });

    // A bank that writes its own words: they are stored and shown as the bank wrote them.
    mock.setInteractiveHtml("fake_interactive_xf", "<p>Masukkan <b>kode SMS</b> dari Bank Contoh</p>");
    clock.now = new Date(START.getTime() + 122 * MINUTE_MS);
    const worded = await fetchTransactionsForAccount(deps, actor, { bankAccountId: account.id });
    expect(worded).toMatchObject({ status: "waiting_mfa", mfa: { prompt: "Masukkan kode SMS dari Bank Contoh" }, message: "Masukkan kode SMS dari Bank Contoh" });
    expect(await waitingRun()).toEqual({ prompt: "Masukkan kode SMS dari Bank Contoh", logInIndonesian: "Bank meminta kode keamanan: Masukkan kode SMS dari Bank Contoh" });

    // Webhook receivers read the bank's words, or our English sentence when there were none.
    const asked = (await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.companyId, actor.companyId)))
      .map((d) => d.payload as { type: string; data: { reason?: string; message?: string } })
      .filter((p) => p.data.reason === "mfa_required")
      .map((p) => p.data.message);
    expect(asked.sort()).toEqual(["Masukkan kode SMS dari Bank Contoh", "The bank asks for a security code. Enter the code it sent you."]);
  });
});
