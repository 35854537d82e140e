/**
 * The app's own services (directory, connect, sync, update credentials, webhook intake,
 * delete) on the Plaid adapter against its contract mock and the test database: the
 * cursor kept on the connection, a pending line stored once after it posts, a line Plaid
 * withdraws flagged for review and never deleted, and a webhook naming only the Item found.
 */
import { and, asc, eq, isNotNull } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankAccounts, bankConnections, connectionEvents, institutions, transactions } from "@/db/schema";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { completeConnect, startConnect, type ConnectDeps } from "@/lib/connections/connect";
import { deleteConnection } from "@/lib/connections/delete";
import { startUpdateCredentials } from "@/lib/connections/update-credentials";
import { refreshInstitutions } from "@/lib/institutions/directory";
import type { Provider } from "@/lib/providers/types";
import { syncConnection } from "@/lib/sync/run-sync";
import { completeAndSelectAll } from "@/lib/testing/connect-flow";
import { createCompanyWithUser } from "@/lib/testing/fixtures";
import { receiveWebhook } from "@/lib/webhooks/intake";
import { plaidConfig } from "./config";
import { createPlaidProvider } from "./plaid-provider";
import { mockInstitutions } from "./testing/fixtures";
import { servePlaidMock, type PlaidMock } from "./testing/mock-server";
import { englishText, renderStoredMessage, showStored } from "@/lib/i18n/stored-message";

const CLIENT_ID = "65f0c0ffee0000000000abcd";
const SECRET = "sandbox-secret-0123456789";
const CALLBACK = "http://app.test/connect/callback";
const START = new Date("2025-06-15T10:00:00.000Z");
const clock = { now: START };
let mock: PlaidMock;
let provider: Provider;
let deps: ConnectDeps;

beforeEach(async () => {
  clock.now = START;
  mock = await servePlaidMock({ clientId: CLIENT_ID, secret: SECRET, institutions: mockInstitutions(), now: () => clock.now, maxSyncPage: 3 });
  const config = plaidConfig({ PLAID_CLIENT_ID: CLIENT_ID, PLAID_SECRET: SECRET, PLAID_BASE_URL: mock.baseUrl, PLAID_LINK_PAGE_URL: `${mock.baseUrl}/link/stand-in` });
  provider = createPlaidProvider(config, { now: () => clock.now });
  deps = { db, provider: () => provider, now: () => clock.now };
});

afterEach(async () => {
  await mock.close();
});

async function consent(actor: { companyId: string; userId: string }, redirectUrl: string) {
  const callback = await mock.followLink(redirectUrl, { institutionId: "ins_109508" });
  return completeAndSelectAll(deps, actor, callback.searchParams);
}

/** A new company's connection to Platypus Bank (ins_109508), started up to Plaid Link. */
async function startPlatypus() {
  const { company, user } = await createCompanyWithUser(db);
  const actor = { companyId: company.id, userId: user.id };
  await refreshInstitutions(db, provider, clock.now);
  const [institution] = await db.select().from(institutions).where(and(eq(institutions.provider, "plaid"), eq(institutions.providerInstitutionId, "ins_109508")));
  const started = await startConnect(deps, actor, { institutionId: institution!.id, consent: true, callbackUrl: CALLBACK });
  if (!started.ok) throw new Error(englishText(started.error));
  return { actor, redirectUrl: started.redirectUrl };
}

async function connectPlatypus() {
  const { actor, redirectUrl } = await startPlatypus();
  return { actor, ...(await consent(actor, redirectUrl)) };
}

async function connection(connectionId: string) {
  const [row] = await db.select().from(bankConnections).where(eq(bankConnections.id, connectionId));
  return row!;
}

async function checkingLines() {
  const [account] = await db.select().from(bankAccounts).where(eq(bankAccounts.accountNumber, "••••0000"));
  return db.select().from(transactions).where(eq(transactions.bankAccountId, account!.id)).orderBy(asc(transactions.bookingDate), asc(transactions.id));
}

describe("a Plaid bank in the app", () => {
  it("syncs from the connection's cursor, stores a posted pending line once and flags a withdrawn one without deleting it", async () => {
    const { actor, connectionId, outcome } = await connectPlatypus();
    // Checking: six posted lines in the 730 days asked (the pending one waits); the card: one.
    expect(outcome).toMatchObject({ status: "succeeded", inserted: 7 });
    const lines = await checkingLines();
    expect(lines.map((l) => [l.bookingDate, l.amount, l.description])).toEqual([
      ["2024-01-10", "-25.0000", "Old line"],
      ["2025-06-01", "-12.1000", "Coffee Shop"],
      ["2025-06-02", "1500.0000", "ACH Deposit Invoice 1001"],
      ["2025-06-03", "-3.5000", "Coffee"],
      ["2025-06-03", "-3.5000", "Coffee"],
      ["2025-06-04", "-0.0100", "Bank fee"],
    ]);
    const stored = await connection(connectionId);
    const token = decryptSecret(stored.providerRefEncrypted!);
    const item = mock.item(token);
    const cursor = JSON.parse(stored.syncCursor!) as Record<string, string>;
    expect(Object.keys(cursor).sort()).toEqual([...item.accountIds].sort());

    const pending = mock.transactionIds(item.id, 0).find((t) => t.pending)!;
    const fee = lines.find((l) => l.description === "Bank fee")!;
    mock.postPending(item.id, pending.id, { date: "2025-06-15" });
    mock.removeTransaction(item.id, fee.onlineTransactionId!);
    mock.addTransaction(item.id, 0, { amount: 1.99, iso_currency_code: "USD", date: "2025-06-02", name: "Late posting", pending: false });

    const next = await syncConnection(deps, { companyId: actor.companyId, connectionId, trigger: "manual", actorUserId: actor.userId });
    expect(next).toMatchObject({ status: "succeeded", inserted: 2 });
    const after = await checkingLines();
    expect(after).toHaveLength(8);
    expect(after.filter((l) => l.description === "Gas Station").map((l) => l.amount)).toEqual(["-40.0000"]);
    expect(after.some((l) => l.description === "Late posting")).toBe(true);
    const withdrawn = after.filter((l) => l.removedAtProviderAt !== null);
    expect(withdrawn.map((l) => [l.id, l.description])).toEqual([[fee.id, "Bank fee"]]);
    const log = await db.select({ message: connectionEvents.message, bankAccountId: connectionEvents.bankAccountId }).from(connectionEvents).where(eq(connectionEvents.connectionId, connectionId));
    expect(log.filter((e) => e.message.includes("withdrew"))).toEqual([
      { message: "Plaid Gold Standard 0% Interest Checking: the bank withdrew 1 transaction(s) we had already imported. They are kept and flagged for review.", bankAccountId: fee.bankAccountId },
    ]);
    const moved = (await connection(connectionId)).syncCursor;
    expect(moved).not.toBe(stored.syncCursor);

    // A failed run leaves the cursor where it was, so nothing is skipped next time.
    mock.addTransaction(item.id, 0, { amount: 9, iso_currency_code: "USD", date: "2025-06-15", name: "After the failure", pending: false });
    mock.failNext("/transactions/sync", { status: 500, errorType: "API_ERROR", errorCode: "INTERNAL_SERVER_ERROR" });
    const failed = await syncConnection(deps, { companyId: actor.companyId, connectionId, trigger: "manual" });
    expect(failed.status).toBe("failed");
    expect((await connection(connectionId)).syncCursor).toBe(moved);
    const retried = await syncConnection(deps, { companyId: actor.companyId, connectionId, trigger: "retry" });
    expect(retried).toMatchObject({ status: "succeeded", inserted: 1 });
    // A second removal notice of the same line does not count again.
    expect(await db.select().from(transactions).where(isNotNull(transactions.removedAtProviderAt))).toHaveLength(1);
  });

  it("after RATE_LIMIT_EXCEEDED, makes no call to Plaid before the next minute, whatever asks (retry, webhook, manual)", async () => {
    const { actor, connectionId } = await connectPlatypus();
    mock.failNext("/transactions/sync", { status: 429, errorType: "RATE_LIMIT_EXCEEDED", errorCode: "TRANSACTIONS_SYNC_LIMIT" });
    clock.now = new Date(START.getTime() + 3_600_000);
    const limited = await syncConnection(deps, { companyId: actor.companyId, connectionId, trigger: "manual" });
    expect(limited.status).toBe("rate_limited");

    const sent = mock.requests.length;
    for (const trigger of ["retry", "webhook", "manual"] as const) {
      clock.now = new Date(clock.now.getTime() + 10_000);
      const refused = await syncConnection(deps, { companyId: actor.companyId, connectionId, trigger });
      expect(refused).toMatchObject({ status: "rate_limited", message: expect.stringContaining("11:01") });
    }
    expect(mock.requests.length).toBe(sent);

    clock.now = new Date(START.getTime() + 3_600_000 + 61_000);
    expect((await syncConnection(deps, { companyId: actor.companyId, connectionId, trigger: "retry" })).status).toBe("succeeded");
    expect(mock.requests.length).toBeGreaterThan(sent);
  });

  it("applies Plaid's corrections (modified) to unreconciled lines and keeps reconciled ones as booked", async () => {
    const { actor, connectionId } = await connectPlatypus();
    const lines = await checkingLines();
    const coffee = lines.find((l) => l.description === "Coffee Shop")!;
    const deposit = lines.find((l) => l.description.startsWith("ACH Deposit"))!;
    await db.update(transactions).set({ reconciledAt: clock.now, counterpartLabel: "Sales" }).where(eq(transactions.id, deposit.id));
    const item = mock.item(decryptSecret((await connection(connectionId)).providerRefEncrypted!));
    // Plaid's amounts are positive for money out: the tip settles 12.10 → 13.40.
    mock.modifyTransaction(item.id, coffee.onlineTransactionId!, { amount: 13.4, name: "Coffee Shop Downtown" });
    mock.modifyTransaction(item.id, deposit.onlineTransactionId!, { amount: -1600 });

    const next = await syncConnection(deps, { companyId: actor.companyId, connectionId, trigger: "manual", actorUserId: actor.userId });
    expect(next).toMatchObject({ status: "succeeded", inserted: 0 });
    const after = await checkingLines();
    expect(after).toHaveLength(lines.length);
    expect(after.find((l) => l.id === coffee.id)).toMatchObject({ amount: "-13.4000", description: "Coffee Shop Downtown" });
    expect(after.find((l) => l.id === deposit.id)).toMatchObject({ amount: "1500.0000", counterpartLabel: "Sales" });
    const log = await db.select({ message: connectionEvents.message, level: connectionEvents.level }).from(connectionEvents).where(eq(connectionEvents.connectionId, connectionId));
    expect(log.filter((e) => e.message.includes("corrected"))).toEqual([{
      level: "warning",
      message: "Plaid Gold Standard 0% Interest Checking: the bank corrected 1 transaction(s); they now show the bank's values; 1 reconciled transaction(s) changed at the bank and were kept as reconciled: check them.",
    }]);
  });

  it("finds the connection of a webhook that names only the Item, and repairs the login in update mode", async () => {
    const { actor, connectionId } = await connectPlatypus();
    const token = decryptSecret((await connection(connectionId)).providerRefEncrypted!);
    const item = mock.item(token);
    const body = JSON.stringify({ webhook_type: "ITEM", webhook_code: "ERROR", item_id: item.id, error: { error_type: "ITEM_ERROR", error_code: "ITEM_LOGIN_REQUIRED" }, environment: "sandbox" });
    const received = await receiveWebhook({ db, provider: () => provider }, { providerName: "plaid", headers: mock.signWebhook(body), rawBody: body, now: clock.now });
    expect(received).toMatchObject({ status: 202, event: { kind: "login_required", connectionId, companyId: actor.companyId } });
    const forged = await receiveWebhook({ db, provider: () => provider }, { providerName: "plaid", headers: mock.signWebhook(body, { foreignKey: true }), rawBody: body, now: clock.now });
    expect(forged.status).toBe(401);

    mock.requireLogin(item.id);
    const broken = await syncConnection(deps, { companyId: actor.companyId, connectionId, trigger: "manual" });
    expect(broken).toMatchObject({ status: "failed", errorCode: "invalid_credentials" });

    const update = await startUpdateCredentials(deps, actor, { connectionId, callbackUrl: CALLBACK, reason: "update_credentials" });
    if (!update.ok) throw new Error(englishText(update.error));
    const again = await consent(actor, update.redirectUrl);
    expect(again).toMatchObject({ connectionId, outcome: { status: "succeeded", inserted: 0 } });
    const repaired = await connection(connectionId);
    expect(decryptSecret(repaired.providerRefEncrypted!)).toBe(token);
    expect(repaired.state).toBe("active");
    // Update mode repaired the same Item: nothing was replaced, so nothing is revoked.
    expect(mock.item(token).removed).toBe(false);
    expect(mock.requests.some((r) => r.path === "/item/remove")).toBe(false);
    const log = await db.select({ message: connectionEvents.message }).from(connectionEvents).where(eq(connectionEvents.connectionId, connectionId));
    expect(log.some((e) => e.message.includes("revoked"))).toBe(false);
    expect(await db.select().from(bankAccounts).where(eq(bankAccounts.companyId, actor.companyId))).toHaveLength(2);

    const deleted = await deleteConnection(deps, actor, connectionId);
    expect(deleted).toMatchObject({ status: "deleted" });
    expect(mock.item(token).removed).toBe(true);
  });
});

describe("Plaid's failures in the reader's language", () => {
  /** The logged sentence of a failure, as the connection log and the Connect bank page show it to an Indonesian reader. */
  async function loggedInIndonesian(errorReference: string) {
    const [row] = await db
      .select({ text: connectionEvents.message, key: connectionEvents.messageKey, params: connectionEvents.messageParams })
      .from(connectionEvents)
      .where(eq(connectionEvents.errorReference, errorReference));
    return showStored(row!, "id");
  }

  it("says in Indonesian that Plaid is still gathering the transactions", async () => {
    const { actor, connectionId } = await connectPlatypus();
    mock.failNext("/transactions/sync", { status: 400, errorType: "ITEM_ERROR", errorCode: "PRODUCT_NOT_READY" });
    const failed = await syncConnection(deps, { companyId: actor.companyId, connectionId, trigger: "manual" });

    expect(failed).toMatchObject({ status: "failed", errorCode: "provider_transient", message: "Plaid is still gathering this bank's transactions. We will try again shortly." });
    const indonesian = "Plaid masih mengumpulkan transaksi dari bank ini. Kami akan segera mencoba lagi.";
    expect(renderStoredMessage(failed.text!, "id")).toBe(indonesian);
    expect(await loggedInIndonesian(failed.errorReference!)).toBe(indonesian);
  });

  it("says in Indonesian why Plaid Link stopped, keeping Plaid's own words as they came", async () => {
    const { actor, redirectUrl } = await startPlatypus();
    const callback = await mock.followLink(redirectUrl, { institutionId: "ins_109508", exit: "USER_EXIT" });
    const left = await completeConnect(deps, actor, callback.searchParams);
    if (left.ok) throw new Error("Leaving Link should not connect the bank");

    // The mock's Link reports "The user left Link": Plaid's words, never translated.
    expect(englishText(left.error)).toBe("Plaid Link stopped: The user left Link");
    expect(renderStoredMessage(left.error, "id")).toBe("Plaid Link berhenti: The user left Link");
    const failed = await connection(left.connectionId!);
    expect(failed).toMatchObject({ lastErrorCode: "provider_rejected", lastErrorMessage: "Plaid Link stopped: The user left Link" });
    expect(await loggedInIndonesian(failed.lastErrorReference!)).toBe("Plaid Link berhenti: The user left Link");
  });
});
