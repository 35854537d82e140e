/**
 * A Salt Edge bank books lines late, through the app's services against the contract
 * mock: the next sync's trailing overlap imports each exactly once by its id, identical
 * lines with their own ids stay apart, and re-reading the window adds nothing.
 */
import { generateKeyPairSync } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankAccounts, institutions, transactions } from "@/db/schema";
import { startConnect, type ConnectDeps } from "@/lib/connections/connect";
import { refreshInstitutions } from "@/lib/institutions/directory";
import type { Provider } from "@/lib/providers/types";
import { syncConnection } from "@/lib/sync/run-sync";
import { completeAndSelectAll } from "@/lib/testing/connect-flow";
import { createCompanyWithUser } from "@/lib/testing/fixtures";
import { clearSaltEdgeCustomerMemory, createSaltEdgeProvider } from "./saltedge-provider";
import { mockBanks } from "./testing/fixtures";
import { serveSaltEdgeMock, type MockTransaction, type SaltEdgeMock } from "./testing/mock-server";
import { englishText } from "@/lib/i18n/stored-message";

const APP_ID = "app-id-123";
const SECRET = "secret-456";
const CALLBACK = "http://app.test/connect/callback";
const START = new Date("2025-06-15T08:00:00.000Z");
const HOUR_MS = 3_600_000;
const appKeys = generateKeyPairSync("rsa", { modulusLength: 2048 });

const clock = { now: START };
let mock: SaltEdgeMock;
let provider: Provider;
let deps: ConnectDeps;

beforeEach(async () => {
  clock.now = START;
  clearSaltEdgeCustomerMemory();
  // Without its pending card payment: a sync that reads only the days after its newest line
  // would still reach back to an open pending line, and happen to see the late ones.
  const banks = mockBanks().map((bank) => ({
    ...bank, accounts: bank.accounts.map((account) => ({ ...account, transactions: account.transactions.filter((t) => t.status === "posted") })),
  }));
  mock = await serveSaltEdgeMock({ appId: APP_ID, secret: SECRET, appPublicKey: appKeys.publicKey, banks, now: () => clock.now, pageSize: 2 });
  provider = createSaltEdgeProvider(
    {
      appId: APP_ID, secret: SECRET, privateKey: appKeys.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      callbackPublicKey: mock.callbackPublicKeyPem, callbackUrl: "http://app.test/api/webhooks/saltedge", baseUrl: mock.baseUrl,
      timeoutMs: 5_000, refreshWaitMs: 2_000, refreshPollMs: 1, historyDays: 365,
    },
    { now: () => clock.now },
  );
  deps = { db, provider: () => provider, now: () => clock.now };
});

afterEach(async () => {
  await mock.close();
});

const coffee = (id: string, madeOn: string): MockTransaction => ({ id, made_on: madeOn, amount: "-3.5", currency_code: "GBP", description: "Coffee", status: "posted", extra: { payee: "Cafe London" } });

describe("Salt Edge lines booked late", () => {
  it("imports a line booked later today and back-dated ones once; identical lines with their own ids stay two", async () => {
    const { company, user } = await createCompanyWithUser(db);
    const actor = { companyId: company.id, userId: user.id };
    // The first sync imports up to this morning's line: the late ones are dated on or before it.
    mock.addTransaction("2001", { id: "3900", made_on: "2025-06-15", amount: "-12", currency_code: "GBP", description: "Parking", status: "posted", extra: { payee: "City Parking" } });
    await refreshInstitutions(db, provider, clock.now);
    const [institution] = await db.select().from(institutions).where(and(eq(institutions.provider, "saltedge"), eq(institutions.providerInstitutionId, "fakebank_simple_xf")));
    const started = await startConnect(deps, actor, { institutionId: institution!.id, consent: true, callbackUrl: CALLBACK });
    if (!started.ok) throw new Error(englishText(started.error));
    const { connectionId, outcome } = await completeAndSelectAll(deps, actor, (await mock.followConnect(started.redirectUrl)).searchParams);
    expect(outcome.status).toBe("succeeded");
    const [account] = await db.select().from(bankAccounts).where(and(eq(bankAccounts.connectionId, connectionId), eq(bankAccounts.providerAccountId, "2001")));
    const lines = () => db.select().from(transactions).where(eq(transactions.bankAccountId, account!.id));
    const before = (await lines()).length;

    // Later that day the bank books a line under today's date and two identical coffees back-dated three days.
    clock.now = new Date(START.getTime() + 8 * HOUR_MS);
    mock.addTransaction("2001", { id: "4001", made_on: "2025-06-15", amount: "-64", currency_code: "GBP", description: "Business cards", status: "posted", extra: { payee: "Print Shop" } });
    mock.addTransaction("2001", coffee("4002", "2025-06-12"));
    mock.addTransaction("2001", coffee("4003", "2025-06-12"));

    const next = await syncConnection(deps, { ...actor, connectionId, trigger: "manual" });
    expect(next).toMatchObject({ status: "succeeded", inserted: 3 });
    const after = await lines();
    expect(after).toHaveLength(before + 3);
    expect(after.filter((line) => ["4001", "4002", "4003"].includes(line.onlineTransactionId!)).map((line) => [line.onlineTransactionId, line.bookingDate, line.amount]).sort())
      .toEqual([["4001", "2025-06-15", "-64.0000"], ["4002", "2025-06-12", "-3.5000"], ["4003", "2025-06-12", "-3.5000"]]);

    // Salt Edge allows the next refresh an hour later: the same window again adds nothing.
    clock.now = new Date(clock.now.getTime() + 2 * HOUR_MS);
    const again = await syncConnection(deps, { ...actor, connectionId, trigger: "manual" });
    expect(again).toMatchObject({ status: "succeeded", inserted: 0 });
    expect(again.skipped).toBeGreaterThanOrEqual(3);
    expect(await lines()).toHaveLength(before + 3);
  });
});
