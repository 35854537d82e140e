/**
 * A GoCardless bank books lines late, through the app's services against the contract
 * mock: the next sync's trailing overlap imports each exactly once (by `transactionId`,
 * or for a line without one by its fingerprint and occurrence), and re-reading the
 * window adds nothing else.
 */
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankAccounts, institutions, transactions } from "@/db/schema";
import { startConnect, type ConnectDeps } from "@/lib/connections/connect";
import { refreshInstitutions } from "@/lib/institutions/directory";
import { syncConnection } from "@/lib/sync/run-sync";
import { completeAndSelectAll } from "@/lib/testing/connect-flow";
import { createCompanyWithUser } from "@/lib/testing/fixtures";
import { goCardlessConfig } from "./config";
import { createGoCardlessProvider } from "./gocardless-provider";
import { MOCK_SECRET_ID, MOCK_SECRET_KEY, serveGoCardlessMock, type GoCardlessMock } from "./testing/mock-server";
import { englishText } from "@/lib/i18n/stored-message";

const clock = { now: new Date("2025-06-15T08:00:00.000Z") };
let mock: GoCardlessMock;
let deps: ConnectDeps;

beforeEach(async () => {
  clock.now = new Date("2025-06-15T08:00:00.000Z");
  mock = await serveGoCardlessMock({ now: () => clock.now });
  const provider = createGoCardlessProvider(
    { ...goCardlessConfig({}), baseUrl: mock.baseUrl, secretId: MOCK_SECRET_ID, secretKey: MOCK_SECRET_KEY, timeoutMs: 5_000 },
    fetch,
    () => clock.now,
  );
  deps = { db, provider: () => provider, now: () => clock.now };
});

afterEach(async () => {
  await mock.close();
});

const coffee = (bookingDate: string) => ({
  bookingDate, valueDate: bookingDate, transactionAmount: { amount: "-3.5", currency: "EUR" }, creditorName: "Coffee Bar", remittanceInformationUnstructuredArray: ["Espresso", "Terminal 12"],
});

async function mainAccountLines(connectionId: string) {
  const [account] = await db.select().from(bankAccounts).where(and(eq(bankAccounts.connectionId, connectionId), eq(bankAccounts.accountNumber, "DE89370400440532013000")));
  return db.select().from(transactions).where(eq(transactions.bankAccountId, account!.id));
}

describe("GoCardless lines booked late", () => {
  it("imports a line booked later today and a back-dated one without id once; identical id-less lines stay apart", async () => {
    const { company, user } = await createCompanyWithUser(db);
    const actor = { companyId: company.id, userId: user.id };
    // The first sync imports up to this morning's line: the late ones are dated on or before it.
    mock.bookLate("main", {
      transactionId: "tx-morning", bookingDate: "2025-06-15", valueDate: "2025-06-15", transactionAmount: { amount: "-12.00", currency: "EUR" },
      creditorName: "City Parking", remittanceInformationUnstructured: "Parking",
    });
    await refreshInstitutions(db, deps.provider!("gocardless"), clock.now);
    const [institution] = await db.select().from(institutions).where(and(eq(institutions.provider, "gocardless"), eq(institutions.name, "Mock Bank"), eq(institutions.country, "DE")));
    const started = await startConnect(deps, actor, { institutionId: institution!.id, consent: true, callbackUrl: "http://app.test/connect/callback" });
    if (!started.ok) throw new Error(englishText(started.error));
    const { connectionId, outcome } = await completeAndSelectAll(deps, actor, (await mock.consent(started.redirectUrl)).searchParams);
    expect(outcome.status).toBe("succeeded");
    // The bank's two identical coffees of 2025-06-12, sent without any id, are two lines.
    const coffeesOf = async (date: string) => (await mainAccountLines(connectionId)).filter((line) => line.bookingDate === date && line.amount === "-3.5000");
    expect(await coffeesOf("2025-06-12")).toHaveLength(2);
    const before = (await mainAccountLines(connectionId)).length;

    // Later that day the bank books a payment under today's date, and a third identical
    // coffee back-dated three days, again without an id.
    clock.now = new Date("2025-06-15T16:00:00.000Z");
    mock.bookLate("main", {
      transactionId: "tx-late-today", bookingDate: "2025-06-15", valueDate: "2025-06-15", transactionAmount: { amount: "-64.00", currency: "EUR" },
      creditorName: "Print Shop", remittanceInformationUnstructured: "Business cards",
    });
    mock.bookLate("main", coffee("2025-06-12"));

    const next = await syncConnection(deps, { ...actor, connectionId, trigger: "manual" });
    expect(next).toMatchObject({ status: "succeeded", inserted: 2 });
    // Everything else the overlap re-read was already here.
    expect(next.skipped).toBe(next.fetched - 2);
    const lines = await mainAccountLines(connectionId);
    expect(lines).toHaveLength(before + 2);
    expect(lines.filter((line) => line.onlineTransactionId === "tx-late-today").map((line) => [line.bookingDate, line.amount])).toEqual([["2025-06-15", "-64.0000"]]);
    expect(await coffeesOf("2025-06-12")).toHaveLength(3);
    expect(new Set(lines.map((line) => line.onlineTransactionId)).size).toBe(lines.length);
  });
});
