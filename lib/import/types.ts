/** The shapes every statement parser returns: the accounts a file names and its normalized lines. */
import { englishText, storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";

export type StatementFormat = "ofx" | "camt053" | "csv";

/** One transaction read from a file: decimal-string amount (money out negative), ISO dates. */
export type ParsedLine = {
  /** Where the line is in the file, for messages ("Line 57", "Entry 3 (line 40)", "Row 12"). */
  position: StoredMessage;
  /** The file's own transaction id (OFX FITID, CAMT AcctSvcrRef), when it has one. */
  fileTransactionId: string | null;
  bookingDate: string;
  valueDate: string | null;
  amount: string;
  currency: string;
  description: string;
  partnerName: string | null;
  partnerAccount: string | null;
  reference: string | null;
};

/** The account a statement in the file belongs to, as the file names it. */
export type StatementAccount = {
  /** IBAN or account number; null when the file does not say (most CSV exports). */
  accountNumber: string | null;
  currency: string | null;
};

/** The balance the bank states at the end of the statement (CAMT CLBD, OFX LEDGERBAL). */
export type ClosingBalance = { amount: string; date: string };

export type ParsedStatement = { account: StatementAccount; lines: ParsedLine[]; closingBalance: ClosingBalance | null };

/**
 * A file that cannot be imported; the message names the line or element at fault. It is a
 * catalogue message, so the reader sees it in their language; `message` keeps the English
 * for the server log.
 */
export class StatementFileError extends Error {
  constructor(readonly reason: StoredMessage) {
    super(englishText(reason));
    this.name = "StatementFileError";
  }

  /** The fault without its position ("Row 5: " left off), for a preview that shows the row beside it. */
  get fault(): StoredMessage {
    const problem = this.reason.key === "statementFile.at" ? this.reason.params?.problem : undefined;
    return typeof problem === "object" ? problem : this.reason;
  }
}

/** A fault at a place in the file: "Line 12: <TRNAMT> "x" is not an amount." */
export function faultAt(where: StoredMessage, problem: StoredMessage): StoredMessage {
  return storedMessage("statementFile.at", { where, problem });
}

/** "Line 12", where an OFX element or a control character is. */
export function lineAt(line: number): StoredMessage {
  return storedMessage("statementFile.where.line", { line });
}

/** Messages one after the other, separated by commas ("3 already present, 2 in other currencies skipped"). */
export function listOf(items: [StoredMessage, ...StoredMessage[]]): StoredMessage {
  return items.slice(1).reduce((first, next) => storedMessage("statementFile.list", { first, next }), items[0]);
}
