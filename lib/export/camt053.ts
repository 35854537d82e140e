/**
 * Writes a statement period as an ISO 20022 CAMT.053 bank-to-customer statement, version
 * camt.053.001.02 (the one most ledgers import; our own importer reads .02 to .08). Every
 * line is one booked entry with one transaction detail; the line's online id is the
 * entry's AcctSvcrRef and its reference the EndToEndId, so an import elsewhere dedupes.
 */
import { isValidIBAN } from "ibantools";
import { isNegative, minorUnits } from "@/lib/money";
import type { StatementLine, StatementPeriod } from "./period";
import { element, unsignedAmount, xmlText } from "./xml";

export const CAMT053_NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02";
// Max140Text: a longer description is carried in several Ustrd elements.
const USTRD_MAX = 140;

export function writeCamt053(period: StatementPeriod, options: { createdAt: Date; messageId: string }): string {
  const { account } = period;
  const created = options.createdAt.toISOString().slice(0, 19);
  const balances = [
    period.opening !== null ? balance("OPBD", period.opening, account.currency, period.from) : "",
    period.closing !== null ? balance("CLBD", period.closing, account.currency, period.to) : "",
  ].join("");
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<Document xmlns="${CAMT053_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`,
    `<BkToCstmrStmt>`,
    `<GrpHdr><MsgId>${xmlText(options.messageId)}</MsgId><CreDtTm>${created}</CreDtTm></GrpHdr>`,
    `<Stmt>`,
    `<Id>${xmlText(`${options.messageId}-1`)}</Id>`,
    `<CreDtTm>${created}</CreDtTm>`,
    `<FrToDt><FrDtTm>${period.from}T00:00:00</FrDtTm><ToDtTm>${period.to}T23:59:59</ToDtTm></FrToDt>`,
    `<Acct>${accountId(account.accountNumber)}<Ccy>${account.currency}</Ccy>${element("Nm", account.name.slice(0, 70))}`,
    account.bic ? `<Svcr><FinInstnId><BIC>${xmlText(account.bic)}</BIC></FinInstnId></Svcr>` : "",
    `</Acct>`,
    balances,
    `<TxsSummry><TtlNtries><NbOfNtries>${period.lines.length}</NbOfNtries></TtlNtries></TxsSummry>`,
    ...period.lines.map(entry),
    `</Stmt>`,
    `</BkToCstmrStmt>`,
    `</Document>`,
    ``,
  ].filter(Boolean).join("\n");
}

function balance(code: "OPBD" | "CLBD", amount: string, currency: string, date: string): string {
  return `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp>${amountOf(amount, currency)}<CdtDbtInd>${indicator(amount)}</CdtDbtInd><Dt><Dt>${date}</Dt></Dt></Bal>`;
}

function entry(line: StatementLine): string {
  const incoming = !isNegative(line.amount);
  const party = incoming ? "Dbtr" : "Cdtr";
  const parties = [
    line.partnerName ? `<${party}><Nm>${xmlText(line.partnerName)}</Nm></${party}>` : "",
    line.partnerAccount ? `<${party}Acct>${accountId(line.partnerAccount)}</${party}Acct>` : "",
  ].join("");
  const remittance = chunks(line.description, USTRD_MAX).map((text) => `<Ustrd>${xmlText(text)}</Ustrd>`).join("");
  return [
    `<Ntry>`,
    amountOf(line.amount, line.currency),
    `<CdtDbtInd>${indicator(line.amount)}</CdtDbtInd>`,
    `<Sts>BOOK</Sts>`,
    `<BookgDt><Dt>${line.bookingDate}</Dt></BookgDt>`,
    line.valueDate ? `<ValDt><Dt>${line.valueDate}</Dt></ValDt>` : "",
    element("AcctSvcrRef", line.onlineTransactionId),
    // Bank transaction code: a received or an issued credit transfer (ISO external code list).
    `<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>${incoming ? "RCDT" : "ICDT"}</Cd><SubFmlyCd>OTHR</SubFmlyCd></Fmly></Domn></BkTxCd>`,
    `<NtryDtls><TxDtls>`,
    `<Refs>${element("AcctSvcrRef", line.onlineTransactionId)}<EndToEndId>${xmlText(line.reference ?? "NOTPROVIDED")}</EndToEndId></Refs>`,
    parties ? `<RltdPties>${parties}</RltdPties>` : "",
    remittance ? `<RmtInf>${remittance}</RmtInf>` : "",
    `</TxDtls></NtryDtls>`,
    `</Ntry>`,
  ].filter(Boolean).join("");
}

function amountOf(amount: string, currency: string): string {
  return `<Amt Ccy="${xmlText(currency)}">${unsignedAmount(amount, minorUnits(currency))}</Amt>`;
}

function indicator(amount: string): "CRDT" | "DBIT" {
  return isNegative(amount) ? "DBIT" : "CRDT";
}

function accountId(accountNumber: string): string {
  const compact = accountNumber.replace(/\s+/g, "").toUpperCase();
  return isValidIBAN(compact) ? `<Id><IBAN>${compact}</IBAN></Id>` : `<Id><Othr><Id>${xmlText(accountNumber)}</Id></Othr></Id>`;
}

function chunks(text: string, size: number): string[] {
  const result: string[] = [];
  for (let i = 0; i < text.length; i += size) result.push(text.slice(i, i + size));
  return result;
}
