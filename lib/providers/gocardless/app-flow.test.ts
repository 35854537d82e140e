/**
 * GoCardless through the app's own services against the contract mock: the directory
 * load, connect, first sync, and a reconnect whose new requisition (new ref, new
 * GoCardless account ids) keeps the same bank accounts and their lines, and whose old
 * requisition is deleted at GoCardless even when another process completes it.
 */
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankAccounts, bankConnections, connectionEvents, institutions, transactions } from "@/db/schema";
import { startConnect, type ConnectDeps, type StartResult } from "@/lib/connections/connect";
import { startUpdateCredentials } from "@/lib/connections/update-credentials";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { refreshInstitutions } from "@/lib/institutions/directory";
import { completeAndSelectAll } from "@/lib/testing/connect-flow";
import { createCompanyWithUser } from "@/lib/testing/fixtures";
import { goCardlessConfig } from "./config";
import { clearGoCardlessLinkMemory, createGoCardlessProvider } from "./gocardless-provider";
import { MOCK_SECRET_ID, MOCK_SECRET_KEY, serveGoCardlessMock, type GoCardlessMock } from "./testing/mock-server";
import { englishText } from "@/lib/i18n/stored-message";

const clock = { now: new Date("2025-06-15T10:00:00.000Z") };
let mock: GoCardlessMock;
let deps: ConnectDeps;

beforeEach(async () => {
  mock = await serveGoCardlessMock({ now: () => clock.now });
  const provider = createGoCardlessProvider(
    { ...goCardlessConfig({}), baseUrl: mock.baseUrl, secretId: MOCK_SECRET_ID, secretKey: MOCK_SECRET_KEY, timeoutMs: 5_000 },
    fetch,
    () => clock.now,
  );
  deps = { db, provider: () => provider, now: () => clock.now };
  await refreshInstitutions(db, provider, clock.now);
});

afterEach(async () => {
  await mock.close();
});

async function consentAndSelect(
  actor: { companyId: string; userId: string },
  start: () => Promise<StartResult>,
  options: { restartBeforeCallback?: boolean } = {},
) {
  const started = await start();
  if (!started.ok) throw new Error(englishText(started.error));
  const callback = await mock.consent(started.redirectUrl);
  // A restart (or another process taking the callback) forgets what the adapter kept in memory.
  if (options.restartBeforeCallback) clearGoCardlessLinkMemory();
  return completeAndSelectAll(deps, actor, callback.searchParams);
}

describe("GoCardless through the app", () => {
  it("loads one directory row per country, connects, syncs, and reconnects onto the same accounts", async () => {
    const rows = await db.select().from(institutions).where(and(eq(institutions.provider, "gocardless"), eq(institutions.name, "Mock Bank")));
    expect(rows.map((row) => row.country).sort()).toEqual(["AT", "DE"]);
    const austrian = rows.find((row) => row.country === "AT")!;

    const { company, user } = await createCompanyWithUser(db);
    const actor = { companyId: company.id, userId: user.id };
    const first = await consentAndSelect(actor, () =>
      startConnect(deps, actor, { institutionId: austrian.id, consent: true, callbackUrl: "http://app.test/connect/callback" }),
    );
    expect(first.outcome.status).toBe("succeeded");
    const accounts = await db.select().from(bankAccounts).where(eq(bankAccounts.connectionId, first.connectionId));
    expect(accounts.map((account) => [account.accountNumber, account.currency, account.balance]).sort()).toEqual([
      ["DE02120300000000202051", "EUR", "10000.0000"],
      ["DE89370400440532013000", "EUR", "1520.7500"],
    ]);
    const linesAfterFirst = await db.select().from(transactions);
    // The main account's six posted lines (730 days of history) and the savings account's one; pending ones are not stored.
    expect(linesAfterFirst.length).toBe(7);
    const [before] = await db.select().from(bankConnections).where(eq(bankConnections.id, first.connectionId));

    const again = await consentAndSelect(
      actor,
      () => startUpdateCredentials(deps, actor, { connectionId: first.connectionId, callbackUrl: "http://app.test/connect/callback", reason: "reconnect" }),
      { restartBeforeCallback: true },
    );
    expect(again.connectionId).toBe(first.connectionId);
    expect(again.outcome.status).toBe("succeeded");
    const [after] = await db.select().from(bankConnections).where(eq(bankConnections.id, first.connectionId));
    const oldRequisition = decryptSecret(before!.providerRefEncrypted!);
    const newRequisition = decryptSecret(after!.providerRefEncrypted!);
    expect(newRequisition).not.toBe(oldRequisition);
    expect(after!.state).toBe("active");
    // The replaced requisition no longer counts at GoCardless; the new one is the only one left.
    expect([...mock.requisitions.keys()]).toEqual([newRequisition]);
    const log = await db.select({ level: connectionEvents.level, message: connectionEvents.message }).from(connectionEvents).where(eq(connectionEvents.connectionId, first.connectionId));
    expect(log).toContainEqual({ level: "info", message: "The previous consent at Mock Bank was revoked, since the consent just given replaces it." });
    const accountsAfter = await db.select().from(bankAccounts).where(eq(bankAccounts.connectionId, first.connectionId));
    expect(accountsAfter.map((account) => [account.id, account.syncEnabled]).sort()).toEqual(accounts.map((account) => [account.id, true]).sort());
    expect((await db.select().from(transactions)).length).toBe(linesAfterFirst.length);
  });
});
