/**
 * "Import Transactions" on Find Missing Transactions: the ticked lines are asked from the
 * bank again (the browser's copy of a line is never trusted) and written through the
 * sync's own ingest, whose unique (account, online id) index makes a second import, or
 * a sync running at the same time, add nothing twice. Pending lines are refused.
 */
import { englishText, storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";
import { logConnectionEvent } from "@/lib/connections/log";
import { ingestTransactions } from "@/lib/sync/ingest";
import { loadEditableAccount } from "@/lib/transactions/editable-account";
import { findMissingTransactions, type MissingDeps, type MissingRefusal } from "./find";

export type ImportMissingResult = { ok: true; inserted: number; alreadyPresent: number } | MissingRefusal | Refused;

/** A selection this import will not take; `text` is the sentence for the reader, `message` its English. */
type Refused = { ok: false; reason: "refused"; message: string; text: StoredMessage };

function refused(text: StoredMessage): Refused {
  return { ok: false, reason: "refused", message: englishText(text), text };
}

export async function importMissingTransactions(
  deps: MissingDeps,
  actor: { companyId: string; userId: string | null },
  input: { bankAccountId: string; startingDate: string; onlineTransactionIds: string[] },
): Promise<ImportMissingResult> {
  const wanted = [...new Set(input.onlineTransactionIds)];
  if (wanted.length === 0) return refused(storedMessage("refusals.selectToImport"));
  const search = await findMissingTransactions(deps, actor, { bankAccountId: input.bankAccountId, startingDate: input.startingDate });
  if (!search.ok) return search;
  const pendingIds = new Set(search.pending.map((line) => line.onlineTransactionId));
  if (wanted.some((id) => pendingIds.has(id))) {
    return refused(storedMessage("refusals.pendingNotImportable"));
  }
  if (search.posted.some((line) => line.deletedAt && wanted.includes(line.onlineTransactionId))) {
    return refused(storedMessage("refusals.deletedUseRestore"));
  }
  const missing = new Map(search.posted.map((line) => [line.onlineTransactionId, line]));
  const lines = wanted.flatMap((id) => missing.get(id) ?? []);
  // A selected id the bank no longer lists as missing is one that is already here (imported by
  // a sync or another click meanwhile) or one the bank does not offer in this window at all.
  const alreadyPresentNow = wanted.length - lines.length;
  if (lines.length === 0) return { ok: true, inserted: 0, alreadyPresent: alreadyPresentNow };

  const account = await loadEditableAccount(deps.db, actor.companyId, input.bankAccountId);
  if (!account) return { ...refused(storedMessage("bankAccountMissing")), reason: "not_found" };
  const result = await deps.db.transaction(async (tx) => {
    const ingested = await ingestTransactions(tx, {
      bankAccountId: account.id, source: "sync", syncRunId: null,
      lines: lines.map((line) => ({
        onlineTransactionId: line.onlineTransactionId, bookingDate: line.bookingDate, valueDate: line.valueDate, amount: line.amount,
        currency: line.currency, description: line.description, partnerName: line.partnerName, partnerAccount: line.partnerAccount, reference: line.reference,
      })),
    });
    await logConnectionEvent(tx, {
      companyId: actor.companyId, connectionId: account.connectionId, bankAccountId: account.id, actorUserId: actor.userId, level: "user_action",
      message: storedMessage("connections.missingImported", { account: account.name, count: ingested.inserted, fromDate: search.startingDate }),
      details: { onlineTransactionIds: lines.map((line) => line.onlineTransactionId), ...ingested },
    });
    return ingested;
  });
  return { ok: true, inserted: result.inserted, alreadyPresent: alreadyPresentNow + result.skipped };
}
