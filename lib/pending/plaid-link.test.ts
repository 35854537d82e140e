/**
 * Plaid names the pending line a posted one replaces (`pending_transaction_id`): the link
 * is made on that word alone, even when the amount changed on posting (a tip added),
 * and the note typed while it was pending moves to the posted line.
 */
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankAccounts, bankConnections, institutions, pendingTransactions, transactions } from "@/db/schema";
import { completeConnect, confirmAccountSelection, parseAuthorized, startConnect, type ConnectDeps } from "@/lib/connections/connect";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { refreshInstitutions } from "@/lib/institutions/directory";
import { plaidConfig } from "@/lib/providers/plaid/config";
import { createPlaidProvider } from "@/lib/providers/plaid/plaid-provider";
import { mockInstitutions } from "@/lib/providers/plaid/testing/fixtures";
import { servePlaidMock, type PlaidMock } from "@/lib/providers/plaid/testing/mock-server";
import { syncConnection } from "@/lib/sync/run-sync";
import { createCompanyWithUser } from "@/lib/testing/fixtures";
import { savePendingNote } from "./note";
import { listOpenPendingLines } from "./queries";

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
  if (!started.ok) throw new Error(started.error);
  const callback = await mock.followLink(started.redirectUrl, { institutionId: "ins_109508" });
  const linked = await completeConnect(deps, actor, callback.searchParams);
  if (!linked.ok) throw new Error(linked.error);
  const [connection] = await db.select().from(bankConnections).where(eq(bankConnections.id, linked.connectionId));
  const selections = parseAuthorized(connection!.authorizedAccounts).map((a) => ({ providerAccountId: a.providerAccountId, mapToBankAccountId: null }));
  const confirmed = await confirmAccountSelection(deps, actor, { connectionId: linked.connectionId, selections });
  if (!confirmed.ok) throw new Error(confirmed.error);
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
