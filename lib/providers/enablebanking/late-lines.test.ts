/**
 * An Enable Banking bank books lines late, through the app's services against the
 * contract mock: the next sync's trailing overlap imports each exactly once (by
 * `entry_reference`, or for a line without one by its fingerprint and occurrence), and
 * re-reading the window adds nothing else.
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
import { createEnableBankingProvider } from "./enablebanking-provider";
import { MAIN_IBAN, mockBanks } from "./testing/fixtures";
import { serveEnableBankingMock, type EnableBankingMock, type MockBank, type MockTransaction } from "./testing/mock-server";
import { englishText } from "@/lib/i18n/stored-message";

const APP_ID = "cf589be3-3755-465b-a8df-a90a16a31403";
const CALLBACK = "http://app.test/connect/callback";
const keys = generateKeyPairSync("rsa", { modulusLength: 2048 });

const clock = { now: new Date("2025-06-15T08:00:00.000Z") };
let banks: MockBank[];
let mock: EnableBankingMock;
let provider: Provider;
let deps: ConnectDeps;

beforeEach(async () => {
  clock.now = new Date("2025-06-15T08:00:00.000Z");
  banks = mockBanks();
  mock = await serveEnableBankingMock({ applicationId: APP_ID, publicKey: keys.publicKey, banks, now: () => clock.now, pageSize: 2, redirectUrls: [CALLBACK] });
  provider = createEnableBankingProvider(
    { applicationId: APP_ID, privateKey: keys.privateKey.export({ type: "pkcs8", format: "pem" }).toString(), baseUrl: mock.baseUrl, timeoutMs: 5_000, consentDays: 180 },
    { now: () => clock.now },
  );
  deps = { db, provider: () => provider, now: () => clock.now };
});

afterEach(async () => {
  await mock.close();
});

const coffee = (bookingDate: string): MockTransaction => ({
  transaction_id: `tx-${bookingDate}`, transaction_amount: { currency: "EUR", amount: "3.50" }, credit_debit_indicator: "DBIT",
  status: "BOOK", booking_date: bookingDate, creditor: { name: "Cafe Helsinki" }, remittance_information: ["Coffee"],
});

async function mainAccountLines(connectionId: string) {
  const [account] = await db.select().from(bankAccounts).where(and(eq(bankAccounts.connectionId, connectionId), eq(bankAccounts.accountNumber, MAIN_IBAN)));
  return db.select().from(transactions).where(eq(transactions.bankAccountId, account!.id));
}

describe("Enable Banking lines booked late", () => {
  it("imports a line booked later today and a back-dated one without entry reference once; identical lines without one stay apart", async () => {
    const { company, user } = await createCompanyWithUser(db);
    const actor = { companyId: company.id, userId: user.id };
    // The first sync imports up to this morning's line: the late ones are dated on or before it.
    banks[0]!.accounts[0]!.transactions.push({
      entry_reference: "5561990699", transaction_amount: { currency: "EUR", amount: "12.00" }, credit_debit_indicator: "DBIT",
      status: "BOOK", booking_date: "2025-06-15", creditor: { name: "City Parking" }, remittance_information: ["Parking"],
    });
    await refreshInstitutions(db, provider, clock.now);
    const [institution] = await db.select().from(institutions).where(and(eq(institutions.provider, "enablebanking"), eq(institutions.name, "Mock Bank")));
    const started = await startConnect(deps, actor, { institutionId: institution!.id, accountType: "business", consent: true, callbackUrl: CALLBACK });
    if (!started.ok) throw new Error(englishText(started.error));
    const { connectionId, outcome } = await completeAndSelectAll(deps, actor, (await mock.followConsent(started.redirectUrl)).searchParams);
    expect(outcome.status).toBe("succeeded");
    const coffeesOf = async (date: string) => (await mainAccountLines(connectionId)).filter((line) => line.bookingDate === date && line.description === "Coffee");
    // The fixture's two identical coffees of 2025-06-03, without an entry reference.
    expect(await coffeesOf("2025-06-03")).toHaveLength(2);
    const before = (await mainAccountLines(connectionId)).length;

    // Later that day the bank books a line under today's date, and two identical coffees back-dated three days.
    clock.now = new Date("2025-06-15T16:00:00.000Z");
    banks[0]!.accounts[0]!.transactions.push(
      {
        entry_reference: "5561990700", transaction_amount: { currency: "EUR", amount: "64.00" }, credit_debit_indicator: "DBIT",
        status: "BOOK", booking_date: "2025-06-15", creditor: { name: "Print Shop" }, remittance_information: ["Business cards"],
      },
      coffee("2025-06-12"),
      coffee("2025-06-12"),
    );

    const next = await syncConnection(deps, { ...actor, connectionId, trigger: "manual" });
    expect(next).toMatchObject({ status: "succeeded", inserted: 3 });
    // The overlap re-read the lines since 2025-06-08: all already here.
    expect(next.skipped).toBe(next.fetched - 3);
    expect(next.skipped).toBeGreaterThan(0);
    const lines = await mainAccountLines(connectionId);
    expect(lines).toHaveLength(before + 3);
    expect(lines.filter((line) => line.onlineTransactionId === "5561990700").map((line) => [line.bookingDate, line.amount])).toEqual([["2025-06-15", "-64.0000"]]);
    expect(await coffeesOf("2025-06-12")).toHaveLength(2);
    expect(await coffeesOf("2025-06-03")).toHaveLength(2);

    // Read once more: nothing new.
    expect(await syncConnection(deps, { ...actor, connectionId, trigger: "manual" })).toMatchObject({ status: "succeeded", inserted: 0 });
    expect(await mainAccountLines(connectionId)).toHaveLength(before + 3);
  });
});
