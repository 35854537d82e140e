/**
 * Which statement of a file belongs to the bank account: the one whose IBAN or account
 * number is the account's. A file for another account, or in another currency, is refused.
 */
import type { ImportAccount } from "./account";
import { storedMessage } from "@/lib/i18n/stored-message";
import { StatementFileError, type ParsedStatement } from "./types";
import { normalizeAccountNumber } from "./values";

export function pickStatement(statements: ParsedStatement[], account: Pick<ImportAccount, "accountNumber" | "currency">): ParsedStatement {
  const own = normalizeAccountNumber(account.accountNumber);
  const matching = statements.filter((s) => s.account.accountNumber !== null && normalizeAccountNumber(s.account.accountNumber) === own);
  const unnamed = statements.filter((s) => s.account.accountNumber === null);
  const statement = matching[0] ?? (statements.length === 1 ? unnamed[0] : undefined);
  if (!statement) {
    const named = [...new Set(statements.map((s) => s.account.accountNumber).filter(Boolean))];
    throw new StatementFileError(storedMessage("statementFile.otherAccount", { fileAccounts: named.join(", ") || "none", accountNumber: account.accountNumber }));
  }
  if (statement.account.currency && statement.account.currency !== account.currency) {
    throw new StatementFileError(storedMessage("statementFile.statementCurrency", { fileCurrency: statement.account.currency, accountCurrency: account.currency }));
  }
  // Another statement for the same account in one file (e.g. two periods): read them all.
  const picked = matching.length > 1 ? matching : [statement];
  const lines = picked.flatMap((s) => s.lines);
  if (lines.length === 0) throw new StatementFileError(storedMessage("statementFile.noBookedForAccount"));
  // The newest closing balance is where the file leaves the account. It includes every
  // line of the statement, even one the bank dated after the balance (PostFinance does),
  // so it is taken as of the newest of those dates.
  const newest = picked.map((s) => s.closingBalance).filter((b) => b !== null).sort((a, b) => a.date.localeCompare(b.date)).at(-1);
  const lastBooked = lines.reduce((latest, line) => (line.bookingDate > latest ? line.bookingDate : latest), "");
  const closingBalance = newest ? { amount: newest.amount, date: lastBooked > newest.date ? lastBooked : newest.date } : null;
  return { account: statement.account, lines, closingBalance };
}
