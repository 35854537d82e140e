/**
 * Find Missing Transactions: asks the bank (through the connection's provider) for an
 * account's transactions since a starting date and lists those the database lacks.
 * Posted ones can be imported (./import.ts); pending ones are only shown, because the bank
 * gives them a new id once they post and only posted transactions are stored.
 */
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bankAccounts, bankConnections, companies, transactionDeletions, transactions } from "@/db/schema";
import { fetchOutOfBudget } from "@/lib/call-budget/messages";
import { englishText, storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";
import { loadCallMeter } from "@/lib/call-budget/meter";
import { reserveCall } from "@/lib/call-budget/reserve";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { toIsoDate } from "@/lib/dates";
import { newErrorReference } from "@/lib/errors/reference";
import { pendingNotesByOnlineId } from "@/lib/pending/queries";
import { shownState } from "@/lib/connections/status";
import { getProvider } from "@/lib/providers";
import { ConsentExpired, InvalidCredentials, MfaRequired, ProviderError } from "@/lib/providers/errors";
import { providerErrorMessage } from "@/lib/providers/error-text";
import type { Provider, ProviderTransaction } from "@/lib/providers/types";
import { resolveStartingDate } from "@/lib/transactions/starting-date";
import { isUuid } from "@/lib/uuid";

export type MissingDeps = { db: Db; provider?: (name: string) => Provider; now?: () => Date };

export type MissingLine = {
  onlineTransactionId: string;
  status: "posted" | "pending";
  bookingDate: string;
  valueDate: string | null;
  amount: string;
  currency: string;
  description: string;
  partnerName: string | null;
  partnerAccount: string | null;
  reference: string | null;
  /** When the line was deleted here before (say, as a duplicate): listed under "Deleted earlier", only Restore brings it back. */
  deletedAt: Date | null;
  /** The deletion to restore (transaction_deletions.id). */
  deletionId: number | null;
  /** On a pending line: the note (and partner) typed on it on the account page. */
  note?: string | null;
};

export type MissingRefusal = {
  ok: false;
  /** "inactive": the page offers Reconnect for `connectionId`. */
  reason: "not_found" | "not_connected" | "inactive" | "needs_security_code" | "provider_error" | "rate_limited";
  /** In English (the API); `text` is the same sentence for the reader's language. */
  message: string;
  text: StoredMessage;
  connectionId?: string;
  errorReference?: string;
};

export type MissingSearch =
  | { ok: true; startingDate: string; movedByLockDate: boolean; posted: MissingLine[]; pending: MissingLine[]; checked: number }
  | MissingRefusal;

type Actor = { companyId: string };

export async function findMissingTransactions(
  deps: MissingDeps,
  actor: Actor,
  input: { bankAccountId: string; startingDate?: string | null },
): Promise<MissingSearch> {
  const { db } = deps;
  const today = toIsoDate((deps.now ?? (() => new Date()))());
  const [account] = isUuid(input.bankAccountId) ? await db
    .select({
      id: bankAccounts.id, providerAccountId: bankAccounts.providerAccountId, syncEnabled: bankAccounts.syncEnabled,
      connectionId: bankConnections.id, state: shownState, provider: bankConnections.provider,
      providerRef: bankConnections.providerRefEncrypted, lockDate: companies.lockDate,
    })
    .from(bankAccounts)
    .innerJoin(companies, eq(companies.id, bankAccounts.companyId))
    .leftJoin(bankConnections, eq(bankConnections.id, bankAccounts.connectionId))
    .where(and(eq(bankAccounts.id, input.bankAccountId), eq(bankAccounts.companyId, actor.companyId))) : [];
  if (!account) return { ok: false, reason: "not_found", ...said(storedMessage("bankAccountMissing")) };
  if (!account.connectionId || !account.providerAccountId || !account.syncEnabled) {
    return { ok: false, reason: "not_connected", ...said(storedMessage("missing.notConnected")) };
  }
  if (account.state !== "active" || !account.providerRef || !account.provider) {
    return inactive(account.connectionId);
  }
  const starting = resolveStartingDate({ requested: input.startingDate, today, lockDate: account.lockDate });

  // Asking the bank spends a call of the same budget as the sync.
  const now = (deps.now ?? (() => new Date()))();
  const budget = await reserveCall(db, { connectionId: account.connectionId, providerAccountId: account.providerAccountId, now });
  if (!budget.ok) return { ok: false, reason: "rate_limited", ...said(fetchOutOfBudget(budget)), connectionId: account.connectionId };

  let remote: ProviderTransaction[];
  try {
    const provider = (deps.provider ?? getProvider)(account.provider);
    const session = await provider.openRefresh({ connectionRef: decryptSecret(account.providerRef), background: false });
    remote = [];
    const meter = await loadCallMeter(db, { companyId: actor.companyId, connectionId: account.connectionId, now: () => now });
    for await (const page of provider.getTransactions(session, { providerAccountId: account.providerAccountId, from: starting.date, to: today }, meter)) {
      remote.push(...page);
    }
  } catch (error) {
    return providerRefusal(error, account.connectionId);
  }

  // The provider clips to its own history; we clip to ours (nothing on or before the lock date).
  const inWindow = uniqueById(remote.filter((line) => line.status !== "removed" && line.bookingDate >= starting.date && line.bookingDate <= today));
  const postedRemote = inWindow.filter((line) => line.status === "posted");
  const present = await presentIds(db, account.id, postedRemote.map((line) => line.providerTransactionId));
  const missing = postedRemote.filter((line) => !present.has(line.providerTransactionId));
  const deleted = await deletedIds(db, account.id, missing.map((line) => line.providerTransactionId));
  const toLine = (line: ProviderTransaction): MissingLine => ({
    onlineTransactionId: line.providerTransactionId, status: line.status === "pending" ? "pending" : "posted", bookingDate: line.bookingDate, valueDate: line.valueDate,
    amount: line.amount, currency: line.currency, description: line.description, partnerName: line.partnerName,
    partnerAccount: line.partnerAccount, reference: line.reference, deletedAt: deleted.get(line.providerTransactionId)?.deletedAt ?? null,
    deletionId: deleted.get(line.providerTransactionId)?.id ?? null,
  });
  const newestFirst = (a: MissingLine, b: MissingLine) => b.bookingDate.localeCompare(a.bookingDate);
  const pending = inWindow.filter((line) => line.status === "pending").map(toLine);
  const notes = await pendingNotesByOnlineId(db, account.id, pending.map((line) => line.onlineTransactionId));
  return {
    ok: true,
    startingDate: starting.date,
    movedByLockDate: starting.movedByLockDate,
    posted: missing.map(toLine).sort(newestFirst),
    pending: pending.map((line) => ({ ...line, note: notes.get(line.onlineTransactionId) ?? null })).sort(newestFirst),
    checked: postedRemote.length,
  };
}

function inactive(connectionId: string): MissingRefusal {
  return { ok: false, reason: "inactive", connectionId, ...said(storedMessage("missing.inactive")) };
}

function said(text: StoredMessage): { message: string; text: StoredMessage } {
  return { message: englishText(text), text };
}

function providerRefusal(error: unknown, connectionId: string): MissingRefusal {
  if (error instanceof MfaRequired) {
    return { ok: false, reason: "needs_security_code", ...said(storedMessage("missing.needsCode")) };
  }
  if (error instanceof ConsentExpired || error instanceof InvalidCredentials) {
    return { ...inactive(connectionId), ...said(storedMessage("missing.connectionLost", { problem: providerErrorMessage(error) })) };
  }
  const errorReference = newErrorReference();
  if (error instanceof ProviderError) {
    console.warn(`[missing] ${errorReference} ${error.code}: ${error.message}`);
    return { ok: false, reason: "provider_error", ...said(providerErrorMessage(error)), errorReference };
  }
  console.error(`[missing] ${errorReference} unexpected error`, error);
  return { ok: false, reason: "provider_error", ...said(storedMessage("missing.unexpected")), errorReference };
}

/** A provider page may repeat a line (a retried page); the first copy is kept. */
function uniqueById(lines: ProviderTransaction[]): ProviderTransaction[] {
  const seen = new Map<string, ProviderTransaction>();
  for (const line of lines) if (!seen.has(line.providerTransactionId)) seen.set(line.providerTransactionId, line);
  return [...seen.values()];
}

const CHUNK = 5_000;

/** Which of these online ids the account already has (the unique (account, online id) index answers). */
async function presentIds(db: Db, bankAccountId: string, ids: string[]): Promise<Set<string>> {
  const present = new Set<string>();
  for (let start = 0; start < ids.length; start += CHUNK) {
    const rows = await db
      .select({ id: transactions.onlineTransactionId })
      .from(transactions)
      .where(and(eq(transactions.bankAccountId, bankAccountId), inArray(transactions.onlineTransactionId, ids.slice(start, start + CHUNK))));
    for (const row of rows) if (row.id) present.add(row.id);
  }
  return present;
}

async function deletedIds(db: Db, bankAccountId: string, ids: string[]): Promise<Map<string, { id: number; deletedAt: Date }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ onlineId: transactionDeletions.onlineTransactionId, id: transactionDeletions.id, deletedAt: transactionDeletions.deletedAt })
    .from(transactionDeletions)
    .where(and(eq(transactionDeletions.bankAccountId, bankAccountId), isNull(transactionDeletions.restoredAt), inArray(transactionDeletions.onlineTransactionId, ids)));
  return new Map(rows.filter((row) => row.onlineId !== null).map((row) => [row.onlineId!, { id: row.id, deletedAt: row.deletedAt }]));
}
