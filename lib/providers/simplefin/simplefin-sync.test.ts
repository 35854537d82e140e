/**
 * The app's own services (directory, connect, sync, update credentials, delete) running on
 * the SimpleFIN adapter against its contract mock and the test database: what a user of a
 * SimpleFIN bank sees, with nothing SimpleFIN-specific in between except the pasted token.
 */
import { and, asc, eq } from "drizzle-orm";
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
import { selectAllAccounts } from "@/lib/testing/connect-flow";
import { createCompanyWithUser } from "@/lib/testing/fixtures";
import { simpleFinConfig } from "./config";
import { createSimpleFinProvider } from "./simplefin-provider";
import { serveSimpleFinMock, type SimpleFinMock } from "./testing/mock-server";
import { shownStateOf } from "@/lib/testing/shown-state";
import { englishText } from "@/lib/i18n/stored-message";

const CALLBACK = "http://app.test/connect/callback";
const START = new Date("2025-06-15T10:00:00.000Z");
const DAY_MS = 24 * 60 * 60 * 1000;

const clock = { now: START };
let mock: SimpleFinMock;
let provider: Provider;
let deps: ConnectDeps;

beforeEach(async () => {
  clock.now = START;
  mock = await serveSimpleFinMock({ now: () => clock.now });
  provider = createSimpleFinProvider(simpleFinConfig({ SIMPLEFIN_BRIDGE_URL: mock.rootUrl }), { now: () => clock.now });
  deps = { db, provider: () => provider, now: () => clock.now };
});

afterEach(async () => {
  await mock.close();
});

/** What the setup-token page does: the state from the adapter's redirect, the token the user pasted. */
async function pasteToken(actor: { companyId: string; userId: string }, redirectUrl: string, token = mock.issueSetupToken()) {
  const page = new URL(redirectUrl);
  expect(page.pathname).toBe("/connect/simplefin");
  return completeConnect(deps, actor, new URLSearchParams({ state: page.searchParams.get("state")!, setup_token: token }));
}

async function connectBridge() {
  const { company, user } = await createCompanyWithUser(db);
  const actor = { companyId: company.id, userId: user.id };
  await refreshInstitutions(db, provider, clock.now);
  const [institution] = await db.select().from(institutions).where(and(eq(institutions.provider, "simplefin"), eq(institutions.name, "SimpleFIN Bridge")));
  const started = await startConnect(deps, actor, { institutionId: institution!.id, consent: true, callbackUrl: CALLBACK });
  if (!started.ok) throw new Error(englishText(started.error));
  const completed = await pasteToken(actor, started.redirectUrl);
  if (!completed.ok) throw new Error(englishText(completed.error));
  return { actor, connectionId: completed.connectionId, outcome: await selectAllAccounts(deps, actor, completed.connectionId) };
}

async function checkingLines() {
  const [account] = await db.select().from(bankAccounts).where(eq(bankAccounts.providerAccountId, "ACT-checking"));
  const lines = await db.select().from(transactions).where(eq(transactions.bankAccountId, account!.id)).orderBy(asc(transactions.bookingDate), asc(transactions.id));
  return { account: account!, lines };
}

describe("a SimpleFIN Bridge connection in the app", () => {
  it("connects with a pasted token, imports 90 days of posted lines with their signs, reconnects with a new token, syncs and deletes", async () => {
    const { actor, connectionId, outcome } = await connectBridge();
    // 90 days of history: the 150-day-old line is out of reach, the pending one is not imported.
    expect(outcome).toMatchObject({ status: "succeeded", inserted: 5 });
    const { account, lines } = await checkingLines();
    expect(account).toMatchObject({ name: "First Mock Bank Checking", currency: "USD", balance: "2410.5500", bankName: "SimpleFIN Bridge" });
    expect(lines.map((l) => [l.bookingDate, l.amount, l.description, l.partnerName])).toEqual([
      ["2025-03-27", "-1200.0000", "RENT PAYMENT ONLINE", "Landlord LLC"],
      ["2025-05-26", "3200.0000", "PAYROLL ACME INC", "Acme Inc"],
      ["2025-06-12", "-4.5000", "Corner Coffee", "Corner Coffee"],
      ["2025-06-12", "-4.5000", "Corner Coffee", "Corner Coffee"],
    ]);
    // Two equal coffees are both kept and flagged for review, not merged.
    expect(lines.filter((l) => l.possibleDuplicate)).toHaveLength(2);
    expect(mock.rangeViolations).toBe(0);
    // The access URL is stored encrypted, never in clear.
    const [stored] = await db.select().from(bankConnections).where(eq(bankConnections.id, connectionId));
    expect(stored!.providerRefEncrypted).not.toContain(new URL(mock.rootUrl).host);
    const firstAccessUrl = decryptSecret(stored!.providerRefEncrypted!);

    // The user disabled the old token at the Bridge: the next run says to reconnect.
    mock.disableAccess(firstAccessUrl);
    clock.now = new Date(START.getTime() + DAY_MS);
    const refused = await syncConnection(deps, { companyId: actor.companyId, connectionId, trigger: "scheduled" });
    expect(refused.status).not.toBe("succeeded");
    expect(refused.errorCode).toBe("consent_expired");
    expect(await shownStateOf(connectionId)).toBe("error");

    // Reconnect: a new token, same accounts, nothing imported twice.
    const update = await startUpdateCredentials(deps, actor, { connectionId, callbackUrl: CALLBACK, reason: "reconnect" });
    if (!update.ok) throw new Error(englishText(update.error));
    expect(new URL(update.redirectUrl).searchParams.get("mode")).toBe("update");
    const again = await pasteToken(actor, update.redirectUrl);
    expect(again).toEqual({ ok: true, connectionId });
    expect(await selectAllAccounts(deps, actor, connectionId)).toMatchObject({ status: "succeeded", inserted: 0 });
    const [reconnected] = await db.select().from(bankConnections).where(eq(bankConnections.id, connectionId));
    expect(decryptSecret(reconnected!.providerRefEncrypted!)).not.toBe(firstAccessUrl);
    // The old token cannot be revoked from here: the log asks the user to disable it at the Bridge.
    const log = await db.select({ level: connectionEvents.level, message: connectionEvents.message }).from(connectionEvents).where(eq(connectionEvents.connectionId, connectionId));
    expect(log.filter((e) => e.message.startsWith("The previous consent"))).toEqual([
      { level: "warning", message: expect.stringMatching(/disable the access token of this app in your SimpleFIN Bridge account/) },
    ]);
    expect(await db.select().from(bankAccounts).where(eq(bankAccounts.companyId, actor.companyId))).toHaveLength(2);

    mock.accounts[0]!.transactions.push({ id: "TRN-new", postedDaysAgo: 0, amount: "-18.00", description: "Office supplies", payee: "Paper Co" });
    clock.now = new Date(START.getTime() + 2 * DAY_MS);
    expect(await syncConnection(deps, { companyId: actor.companyId, connectionId, trigger: "manual", actorUserId: actor.userId })).toMatchObject({ status: "succeeded", inserted: 1 });
    expect((await checkingLines()).lines.at(-1)).toMatchObject({ amount: "-18.0000", description: "Office supplies", onlineTransactionId: "TRN-new" });

    // Deleting: SimpleFIN cannot be told, so the user is asked to disable the token at the Bridge.
    const revoked = await deleteConnection(deps, actor, connectionId);
    expect(revoked).toMatchObject({ status: "record_remains" });
    expect(revoked.status === "record_remains" && englishText(revoked.message)).toMatch(/disable the access token of this app in your SimpleFIN Bridge account/);
    expect(await deleteConnection(deps, actor, connectionId)).toMatchObject({ status: "deleted", accountsKept: 2 });
    expect(await db.select().from(bankConnections).where(eq(bankConnections.id, connectionId))).toHaveLength(0);
    expect((await checkingLines()).lines).toHaveLength(5);
  });

  it("a token claimed elsewhere first fails the connection with the warning, and nothing is created", async () => {
    const { company, user } = await createCompanyWithUser(db);
    const actor = { companyId: company.id, userId: user.id };
    await refreshInstitutions(db, provider, clock.now);
    const [institution] = await db.select().from(institutions).where(eq(institutions.provider, "simplefin"));
    const started = await startConnect(deps, actor, { institutionId: institution!.id, consent: true, callbackUrl: CALLBACK });
    if (!started.ok) throw new Error(englishText(started.error));
    const token = mock.issueSetupToken();
    await fetch(Buffer.from(token, "base64").toString("utf8"), { method: "POST" }); // someone else claims it
    const result = await pasteToken(actor, started.redirectUrl, token);
    expect(!result.ok && englishText(result.error)).toMatch(/someone else may have claimed it/);
    const [connection] = await db.select().from(bankConnections).where(eq(bankConnections.companyId, actor.companyId));
    expect(connection).toMatchObject({ state: "disconnected", providerRefEncrypted: null });
    expect(await db.select().from(bankAccounts).where(eq(bankAccounts.companyId, actor.companyId))).toHaveLength(0);
  });

  it("the day's call budget counts every request a run makes, so the Bridge's quota is never reached", async () => {
    const { actor, connectionId, outcome: first } = await connectBridge();
    expect(first.status).toBe("succeeded");
    const outcomes = [];
    for (let hour = 1; hour <= 12; hour += 1) {
      clock.now = new Date(START.getTime() + hour * 60 * 60 * 1000);
      const sent = mock.requests.length;
      const outcome = await syncConnection(deps, { companyId: actor.companyId, connectionId, trigger: "manual", actorUserId: actor.userId });
      outcomes.push(outcome.status);
      if (outcome.status !== "succeeded") {
        expect(outcome.message).toMatch(/^Daily limit of 24 calls reached; next refresh allowed at 2025-06-16 00:00/);
        // Refused before asking the Bridge anything.
        expect(mock.requests.length).toBe(sent);
        break;
      }
    }
    // Each run with two accounts takes 1 + 2 × 2 calls: the first sync and three more fit in 24.
    expect(outcomes).toEqual(["succeeded", "succeeded", "succeeded", "rate_limited"]);
    const today = mock.requests.filter((r) => r.path.endsWith("/accounts"));
    expect(today.length).toBeLessThanOrEqual(24);
    expect(today.every((r) => r.status === 200)).toBe(true);
  });

  it("a run over the Bridge's daily quota ends rate limited and keeps what it had", async () => {
    await mock.close();
    mock = await serveSimpleFinMock({ now: () => clock.now, dailyQuota: 6, leeway: 10 });
    provider = createSimpleFinProvider(simpleFinConfig({ SIMPLEFIN_BRIDGE_URL: mock.rootUrl }), { now: () => clock.now });
    // 1 (link) + 1 (accounts) + 2 + 2 (each account: 91 days in two ranges): the whole quota.
    const { actor, connectionId, outcome: first } = await connectBridge();
    expect(first.status).toBe("succeeded");
    const before = (await checkingLines()).lines.length;
    expect(before).toBe(4);
    const outcome = await syncConnection(deps, { companyId: actor.companyId, connectionId, trigger: "manual", actorUserId: actor.userId });
    expect(outcome.status).toBe("rate_limited");
    expect((await checkingLines()).lines).toHaveLength(before);
  });
});
