/**
 * Plaid names the pending line a posted one replaces (`pending_transaction_id`): the link
 * is made on that word alone, even when the amount changed on posting (a tip added),
 * and the note typed while it was pending moves to the posted line. Plaid's feed sends only
 * changes, so the removal of the pending id and the posted line may come in two syncs:
 * the posted line still finds the pending line dropped in between, and until then the
 * note stays on the account page and in the connection log.
 */
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankAccounts, bankConnections, connectionEvents, institutions, pendingTransactions, transactions } from "@/db/schema";
import { completeConnect, confirmAccountSelection, parseAuthorized, startConnect, type ConnectDeps } from "@/lib/connections/connect";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { refreshInstitutions } from "@/lib/institutions/directory";
import { plaidConfig } from "@/lib/providers/plaid/config";
import { createPlaidProvider } from "@/lib/providers/plaid/plaid-provider";
import { mockInstitutions } from "@/lib/providers/plaid/testing/fixtures";
import { servePlaidMock, type PlaidMock } from "@/lib/providers/plaid/testing/mock-server";
import { syncConnection } from "@/lib/sync/run-sync";
import { createCompanyWithUser } from "@/lib/testing/fixtures";
import { listDroppedNotes } from "./dropped";
import { savePendingNote } from "./note";
import { listOpenPendingLines } from "./queries";
import { englishText } from "@/lib/i18n/stored-message";

const CLIENT_ID = "65f0c0ffee0000000000abcd";
const SECRET = "sandbox-secret-0123456789";
const START = new Date("2025-06-15T10:00:00.000Z");
const clock = { now: START };
let mock: PlaidMock;
let deps: ConnectDeps;

beforeEach(async () => {
  clock.now = START;
  mock = await servePlaidMock({ clientId: CLIENT_ID, secret: SECRET, institutions: mockInstitutions(), now: () => clock.now });
  const config = plaidConfig({ PLAID_CLIENT_ID: CLIENT_ID, PLAID_SECRET: SECRET, PLAID_BASE_URL: mock.baseUrl, PLAID_LINK_PAGE_URL: `${mock.baseUrl}/link/stand-in` });
  const provider = createPlaidProvider(config, { now: () => clock.now });
  deps = { db, provider: () => provider, now: () => clock.now };
});
afterEach(async () => {
  await mock.close();
});

async function connectPlaidBank() {
  const { company, user } = await createCompanyWithUser(db);
  const actor = { companyId: company.id, userId: user.id };
  await refreshInstitutions(db, deps.provider!("plaid"), clock.now);
  const [institution] = await db.select().from(institutions).where(and(eq(institutions.provider, "plaid"), eq(institutions.providerInstitutionId, "ins_109508")));
  const started = await startConnect(deps, actor, { institutionId: institution!.id, consent: true, callbackUrl: "http://app.test/connect/callback" });
  if (!started.ok) throw new Error(englishText(started.error));
  const callback = await mock.followLink(started.redirectUrl, { institutionId: "ins_109508" });
  const linked = await completeConnect(deps, actor, callback.searchParams);
  if (!linked.ok) throw new Error(englishText(linked.error));
  const [connection] = await db.select().from(bankConnections).where(eq(bankConnections.id, linked.connectionId));
  const selections = parseAuthorized(connection!.authorizedAccounts).map((a) => ({ providerAccountId: a.providerAccountId, mapToBankAccountId: null }));
  const confirmed = await confirmAccountSelection(deps, actor, { connectionId: linked.connectionId, selections });
  if (!confirmed.ok) throw new Error(englishText(confirmed.error));
  return { actor, connectionId: linked.connectionId, itemId: mock.item(decryptSecret(connection!.providerRefEncrypted!)).id };
}

it("links the posted line Plaid names, keeping the user's note and partner, though its amount changed", async () => {
  const { actor, connectionId, itemId } = await connectPlaidBank();
  const [checking] = await db.select().from(bankAccounts).where(eq(bankAccounts.accountNumber, "••••0000"));
  const scope = { companyId: actor.companyId, bankAccountId: checking!.id };
  const [waiting] = await listOpenPendingLines(db, scope);
  expect(waiting).toMatchObject({ description: "Gas Station", amount: "-40.0000", bookingDate: "2025-06-14" });
  expect(await db.select().from(transactions).where(eq(transactions.description, "Gas Station"))).toEqual([]);
  await savePendingNote(db, actor, { bankAccountId: checking!.id, pendingId: waiting!.id, note: "Van for the Hamburg delivery", partnerName: "Shell Hamburg" });

  const pendingOnlineId = mock.transactionIds(itemId, 0).find((t) => t.pending)!.id;
  const postedOnlineId = mock.postPending(itemId, pendingOnlineId, { date: "2025-06-15", amount: 42 });
  clock.now = new Date("2025-06-16T10:00:00.000Z");
  const outcome = await syncConnection(deps, { ...actor, connectionId, trigger: "manual" });
  expect(outcome.status).toBe("succeeded");

  const posted = await db.select().from(transactions).where(eq(transactions.description, "Gas Station"));
  expect(posted.map((line) => [line.onlineTransactionId, line.amount, line.note, line.partnerName])).toEqual([
    [postedOnlineId, "-42.0000", "Van for the Hamburg delivery", "Shell Hamburg"],
  ]);
  const [link] = await db.select().from(pendingTransactions).where(eq(pendingTransactions.id, waiting!.id));
  expect([link!.postedTransactionId, link!.linkReason, link!.droppedAt]).toEqual([posted[0]!.id, "provider", null]);
  expect(await listOpenPendingLines(db, scope)).toEqual([]);
});

async function notedGasStation() {
  const connected = await connectPlaidBank();
  const [checking] = await db.select().from(bankAccounts).where(eq(bankAccounts.accountNumber, "••••0000"));
  const scope = { companyId: connected.actor.companyId, bankAccountId: checking!.id };
  const [waiting] = await listOpenPendingLines(db, scope);
  await savePendingNote(db, connected.actor, { bankAccountId: checking!.id, pendingId: waiting!.id, note: "Van for the Hamburg delivery", partnerName: "Shell Hamburg" });
  const pendingOnlineId = mock.transactionIds(connected.itemId, 0).find((t) => t.pending)!.id;
  return { ...connected, scope, waiting: waiting!, pendingOnlineId };
}

async function warnings(connectionId: string) {
  const rows = await db.select({ level: connectionEvents.level, message: connectionEvents.message }).from(connectionEvents)
    .where(eq(connectionEvents.connectionId, connectionId)).orderBy(connectionEvents.id);
  return rows.filter((row) => row.level === "warning").map((row) => row.message);
}

it("links a posted line that names a pending line Plaid removed in an earlier sync, and the note moves to it", async () => {
  const { actor, connectionId, itemId, scope, waiting, pendingOnlineId } = await notedGasStation();

  // First only the removal: the line is gone from the pending list, its note is not.
  mock.removeTransaction(itemId, pendingOnlineId);
  clock.now = new Date("2025-06-16T10:00:00.000Z");
  expect((await syncConnection(deps, { ...actor, connectionId, trigger: "manual" })).status).toBe("succeeded");
  expect(await listOpenPendingLines(db, scope)).toEqual([]);
  expect((await listDroppedNotes(db, scope)).map((line) => [line.description, line.note, line.userPartnerName])).toEqual([
    ["Gas Station", "Van for the Hamburg delivery", "Shell Hamburg"],
  ]);
  expect(await warnings(connectionId)).toEqual([expect.stringMatching(/no longer lists the pending transaction of 2025-06-14 "Gas Station".*Your note is kept on the account page/)]);

  // Two days later the posted line arrives, naming the pending id.
  const postedOnlineId = mock.addTransaction(itemId, 0, {
    amount: 42, iso_currency_code: "USD", date: "2025-06-17", name: "Gas Station", pending: false, pending_transaction_id: pendingOnlineId,
  });
  clock.now = new Date("2025-06-18T10:00:00.000Z");
  expect((await syncConnection(deps, { ...actor, connectionId, trigger: "manual" })).status).toBe("succeeded");

  const posted = await db.select().from(transactions).where(eq(transactions.onlineTransactionId, postedOnlineId));
  expect(posted.map((line) => [line.amount, line.note, line.partnerName])).toEqual([["-42.0000", "Van for the Hamburg delivery", "Shell Hamburg"]]);
  const [link] = await db.select().from(pendingTransactions).where(eq(pendingTransactions.id, waiting.id));
  expect([link!.postedTransactionId, link!.linkReason, link!.droppedAt]).toEqual([posted[0]!.id, "provider", null]);
  expect(await listDroppedNotes(db, scope)).toEqual([]);
});

it("does not link a posted line that names a pending line dropped more than 30 days ago: the note stays on the account page", async () => {
  const { actor, connectionId, itemId, scope, waiting, pendingOnlineId } = await notedGasStation();
  mock.removeTransaction(itemId, pendingOnlineId);
  clock.now = new Date("2025-06-16T10:00:00.000Z");
  await syncConnection(deps, { ...actor, connectionId, trigger: "manual" });

  const postedOnlineId = mock.addTransaction(itemId, 0, {
    amount: 40, iso_currency_code: "USD", date: "2025-07-17", name: "Gas Station", pending: false, pending_transaction_id: pendingOnlineId,
  });
  clock.now = new Date("2025-07-17T10:00:00.000Z");
  expect((await syncConnection(deps, { ...actor, connectionId, trigger: "manual" })).status).toBe("succeeded");

  const [posted] = await db.select().from(transactions).where(eq(transactions.onlineTransactionId, postedOnlineId));
  expect(posted!.note).toBeNull();
  const [row] = await db.select().from(pendingTransactions).where(eq(pendingTransactions.id, waiting.id));
  expect(row!.postedTransactionId).toBeNull();
  expect((await listDroppedNotes(db, scope)).map((line) => line.note)).toEqual(["Van for the Hamburg delivery"]);
});
