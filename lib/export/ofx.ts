/**
 * Writes a statement period as an OFX 2.2 (XML) bank statement. OFX has no opening
 * balance: the closing one is the ledger balance. The online id is the FITID (a line
 * without one gets a stable id from our own line id), the reference the REFNUM.
 */
import { isNegative } from "@/lib/money";
import type { StatementLine, StatementPeriod } from "./period";
import { element, xmlText } from "./xml";

export function writeOfx(period: StatementPeriod, options: { createdAt: Date }): string {
  const { account } = period;
  const now = ofxDateTime(options.createdAt);
  const status = `<STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>`;
  return [
    `<?xml version="1.0" encoding="UTF-8" standalone="no"?>`,
    `<?OFX OFXHEADER="200" VERSION="220" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>`,
    `<OFX>`,
    `<SIGNONMSGSRSV1><SONRS>${status}<DTSERVER>${now}</DTSERVER><LANGUAGE>ENG</LANGUAGE></SONRS></SIGNONMSGSRSV1>`,
    `<BANKMSGSRSV1><STMTTRNRS><TRNUID>0</TRNUID>${status}<STMTRS>`,
    `<CURDEF>${xmlText(account.currency)}</CURDEF>`,
    `<BANKACCTFROM><BANKID>${xmlText(account.bic ?? "0")}</BANKID><ACCTID>${xmlText(account.accountNumber)}</ACCTID><ACCTTYPE>CHECKING</ACCTTYPE></BANKACCTFROM>`,
    `<BANKTRANLIST><DTSTART>${ofxDate(period.from)}</DTSTART><DTEND>${ofxDate(period.to)}</DTEND>`,
    ...period.lines.map((line) => transaction(line, account.currency)),
    `</BANKTRANLIST>`,
    period.closing !== null ? `<LEDGERBAL><BALAMT>${plain(period.closing)}</BALAMT><DTASOF>${ofxDate(period.to)}</DTASOF></LEDGERBAL>` : "",
    `</STMTRS></STMTTRNRS></BANKMSGSRSV1>`,
    `</OFX>`,
    ``,
  ].filter(Boolean).join("\n");
}

function transaction(line: StatementLine, statementCurrency: string): string {
  return [
    `<STMTTRN>`,
    `<TRNTYPE>${isNegative(line.amount) ? "DEBIT" : "CREDIT"}</TRNTYPE>`,
    `<DTPOSTED>${ofxDate(line.bookingDate)}</DTPOSTED>`,
    line.valueDate ? `<DTUSER>${ofxDate(line.valueDate)}</DTUSER>` : "",
    `<TRNAMT>${plain(line.amount)}</TRNAMT>`,
    `<FITID>${xmlText(line.onlineTransactionId ?? `openbanksync-${line.id}`)}</FITID>`,
    element("REFNUM", line.reference),
    element("NAME", line.partnerName),
    line.partnerAccount
      ? `<BANKACCTTO><BANKID>0</BANKID><ACCTID>${xmlText(line.partnerAccount)}</ACCTID><ACCTTYPE>CHECKING</ACCTTYPE></BANKACCTTO>`
      : "",
    element("MEMO", line.description),
    line.currency !== statementCurrency ? `<CURRENCY><CURRATE>1</CURRATE><CURSYM>${xmlText(line.currency)}</CURSYM></CURRENCY>` : "",
    `</STMTTRN>`,
  ].filter(Boolean).join("");
}

/** The stored amount with its sign, trailing zeros past two decimals dropped. */
function plain(amount: string): string {
  return amount.replace(/(\.\d\d\d*?)0+$/, "$1");
}

function ofxDate(isoDate: string): string {
  return isoDate.replace(/-/g, "");
}

function ofxDateTime(date: Date): string {
  return `${date.toISOString().replace(/[-:T]/g, "").slice(0, 14)}[0:GMT]`;
}
