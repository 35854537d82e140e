/** The shapes every statement parser returns: the accounts a file names and its normalized lines. */

export type StatementFormat = "ofx" | "camt053" | "csv";

/** One transaction read from a file: decimal-string amount (money out negative), ISO dates. */
export type ParsedLine = {
  /** Where the line is in the file, for messages ("line 57", "entry 3", "row 12"). */
  position: string;
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

/** A file that cannot be imported; the message names the line or element at fault. */
export class StatementFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StatementFileError";
  }
}
