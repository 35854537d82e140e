/**
 * A bank behind SimpleFIN Bridge books lines late, through the app's services against the
 * contract mock: the next sync's trailing overlap imports each exactly once by its id,
 * identical lines with their own ids stay apart, and re-reading the window adds nothing.
 */
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankAccounts, institutions, transactions } from "@/db/schema";
import { completeConnect, startConnect, type ConnectDeps } from "@/lib/connections/connect";
import { refreshInstitutions } from "@/lib/institutions/directory";
import type { Provider } from "@/lib/providers/types";
import { syncConnection } from "@/lib/sync/run-sync";
import { selectAllAccounts } from "@/lib/testing/connect-flow";
import { createCompanyWithUser } from "@/lib/testing/fixtures";
import { simpleFinConfig } from "./config";
import { createSimpleFinProvider } from "./simplefin-provider";
import { mockAccounts, serveSimpleFinMock, type MockTransaction, type SimpleFinMock } from "./testing/mock-server";
import { englishText } from "@/lib/i18n/stored-message";

const START = new Date("2025-06-15T08:00:00.000Z");
const HOUR_MS = 3_600_000;

const clock = { now: START };
let mock: SimpleFinMock;
let provider: Provider;
let deps: ConnectDeps;

beforeEach(async () => {
  clock.now = START;
  // Without the pending line: a sync that reads only the days after its newest line would
  // still reach back to an open pending line, and happen to see the late ones.
  const accounts = mockAccounts().map((account) => ({ ...account, transactions: account.transactions.filter((line) => line.postedDaysAgo !== null) }));
  mock = await serveSimpleFinMock({ now: () => clock.now, accounts });
  provider = createSimpleFinProvider(simpleFinConfig({ SIMPLEFIN_BRIDGE_URL: mock.rootUrl }), { now: () => clock.now });
  deps = { db, provider: () => provider, now: () => clock.now };
});

afterEach(async () => {
  await mock.close();
});

function book(line: MockTransaction) {
  mock.accounts.find((account) => account.id === "ACT-checking")!.transactions.push(line);
}

describe("SimpleFIN lines booked late", () => {
  it("imports a line posted later today and one back-dated 3 days once; identical lines with their own ids stay two", async () => {
    const { company, user } = await createCompanyWithUser(db);
    const actor = { companyId: company.id, userId: user.id };
    // The first sync imports up to this morning's line: the late ones are dated on or before it.
    book({ id: "TRN-morning", postedDaysAgo: 0, amount: "-12.00", description: "City Parking" });
    await refreshInstitutions(db, provider, clock.now);
    const [institution] = await db.select().from(institutions).where(and(eq(institutions.provider, "simplefin"), eq(institutions.name, "SimpleFIN Bridge")));
    const started = await startConnect(deps, actor, { institutionId: institution!.id, consent: true, callbackUrl: "http://app.test/connect/callback" });
    if (!started.ok) throw new Error(englishText(started.error));
    const completed = await completeConnect(deps, actor, new URLSearchParams({ state: new URL(started.redirectUrl).searchParams.get("state")!, setup_token: mock.issueSetupToken() }));
    if (!completed.ok) throw new Error(englishText(completed.error));
    expect((await selectAllAccounts(deps, actor, completed.connectionId)).status).toBe("succeeded");
    const connectionId = completed.connectionId;
    const [account] = await db.select().from(bankAccounts).where(and(eq(bankAccounts.connectionId, connectionId), eq(bankAccounts.providerAccountId, "ACT-checking")));
    const lines = () => db.select().from(transactions).where(eq(transactions.bankAccountId, account!.id));
    // The fixture's two equal coffees of 2025-06-12, each with its own id.
    expect((await lines()).filter((line) => line.description === "Corner Coffee")).toHaveLength(2);
    const before = (await lines()).length;

    clock.now = new Date(START.getTime() + 8 * HOUR_MS);
    book({ id: "TRN-late-today", postedDaysAgo: 0, amount: "-64.00", description: "Print Shop" });
    book({ id: "TRN-late-back", postedDaysAgo: 3, amount: "-4.50", description: "Corner Coffee", payee: "Corner Coffee" });

    const next = await syncConnection(deps, { ...actor, connectionId, trigger: "manual" });
    expect(next).toMatchObject({ status: "succeeded", inserted: 2 });
    const after = await lines();
    expect(after).toHaveLength(before + 2);
    expect(after.filter((line) => line.onlineTransactionId?.startsWith("TRN-late")).map((line) => [line.onlineTransactionId, line.bookingDate, line.amount]).sort())
      .toEqual([["TRN-late-back", "2025-06-12", "-4.5000"], ["TRN-late-today", "2025-06-15", "-64.0000"]]);
    expect(after.filter((line) => line.description === "Corner Coffee")).toHaveLength(3);

    const again = await syncConnection(deps, { ...actor, connectionId, trigger: "manual" });
    expect(again).toMatchObject({ status: "succeeded", inserted: 0 });
    expect(again.skipped).toBeGreaterThanOrEqual(5);
    expect(await lines()).toHaveLength(before + 2);
    expect(mock.rangeViolations).toBe(0);
  });
});
