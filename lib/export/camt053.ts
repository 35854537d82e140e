/**
 * Writes a statement period as an ISO 20022 CAMT.053 bank-to-customer statement, version
 * camt.053.001.02 (the one most ledgers import; our own importer reads .02 to .08). Every
 * line is one booked entry with one transaction detail; the line's online id is the
 * entry's AcctSvcrRef and its reference the EndToEndId, so an import elsewhere dedupes.
 * Every element keeps to its schema type: texts are cut to their Max…Text length (an id
 * or reference that does not fit travels whole in AddtlTxInf, see camt053-text.ts), codes
 * and identifiers are written only when they match their pattern.
 */
import { isValidIBAN } from "ibantools";
import { isNegative, minorUnits } from "@/lib/money";
import { carriedValues, endToEndId, fitText, servicerReference } from "./camt053-text";
import type { StatementLine, StatementPeriod } from "./period";
import { unsignedAmount, xmlText } from "./xml";

export const CAMT053_NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02";
const USTRD_MAX = 140;
// BICIdentifier's pattern in the schema (stricter than a BIC check that only looks at the country).
const BIC_PATTERN = /^[A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?$/;

/** A period whose balances are known: the schema requires at least one Bal, and ledgers read OPBD and CLBD. */
export type BalancedPeriod = StatementPeriod & { opening: string; closing: string };

export function writeCamt053(period: BalancedPeriod, options: { createdAt: Date; messageId: string }): string {
  const { account } = period;
  const created = options.createdAt.toISOString().slice(0, 19);
  const bic = account.bic?.toUpperCase();
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<Document xmlns="${CAMT053_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`,
    `<BkToCstmrStmt>`,
    `<GrpHdr>${text("MsgId", options.messageId, 35)}<CreDtTm>${created}</CreDtTm></GrpHdr>`,
    `<Stmt>`,
    text("Id", `${options.messageId}-1`, 35),
    `<CreDtTm>${created}</CreDtTm>`,
    `<FrToDt><FrDtTm>${period.from}T00:00:00</FrDtTm><ToDtTm>${period.to}T23:59:59</ToDtTm></FrToDt>`,
    `<Acct>${accountId(account.accountNumber)}<Ccy>${account.currency}</Ccy>${text("Nm", account.name, 70)}`,
    bic && BIC_PATTERN.test(bic) ? `<Svcr><FinInstnId><BIC>${bic}</BIC></FinInstnId></Svcr>` : "",
    `</Acct>`,
    balance("OPBD", period.opening, account.currency, period.from),
    balance("CLBD", period.closing, account.currency, period.to),
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
  const partyName = text("Nm", line.partnerName, 140);
  const parties = [
    partyName ? `<${party}>${partyName}</${party}>` : "",
    line.partnerAccount ? `<${party}Acct>${accountId(line.partnerAccount)}</${party}Acct>` : "",
  ].join("");
  const remittance = remittanceLines(line.description).map((part) => `<Ustrd>${xmlText(part)}</Ustrd>`).join("");
  const servicerRef = line.onlineTransactionId ? text("AcctSvcrRef", servicerReference(line.onlineTransactionId), 35) : "";
  const carried = carriedValues(line);
  return [
    `<Ntry>`,
    amountOf(line.amount, line.currency),
    `<CdtDbtInd>${indicator(line.amount)}</CdtDbtInd>`,
    `<Sts>BOOK</Sts>`,
    `<BookgDt><Dt>${line.bookingDate}</Dt></BookgDt>`,
    line.valueDate ? `<ValDt><Dt>${line.valueDate}</Dt></ValDt>` : "",
    servicerRef,
    // Bank transaction code: a received or an issued credit transfer (ISO external code list).
    `<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>${incoming ? "RCDT" : "ICDT"}</Cd><SubFmlyCd>OTHR</SubFmlyCd></Fmly></Domn></BkTxCd>`,
    `<NtryDtls><TxDtls>`,
    `<Refs>${servicerRef}<EndToEndId>${xmlText(endToEndId(line.reference))}</EndToEndId></Refs>`,
    parties ? `<RltdPties>${parties}</RltdPties>` : "",
    remittance ? `<RmtInf>${remittance}</RmtInf>` : "",
    carried ? `<AddtlTxInf>${xmlText(carried)}</AddtlTxInf>` : "",
    `</TxDtls></NtryDtls>`,
    `</Ntry>`,
  ].filter(Boolean).join("");
}

/** An element whose text is cut to its schema length; nothing when the value is empty. */
function text(tag: string, value: string | null | undefined, max: number): string {
  const fitted = fitText(value, max);
  return fitted ? `<${tag}>${xmlText(fitted)}</${tag}>` : "";
}

function amountOf(amount: string, currency: string): string {
  return `<Amt Ccy="${xmlText(currency)}">${unsignedAmount(amount, minorUnits(currency))}</Amt>`;
}

function indicator(amount: string): "CRDT" | "DBIT" {
  return isNegative(amount) ? "DBIT" : "CRDT";
}

/** An IBAN written compact (IBAN2007Identifier's pattern), any other number as Othr/Id (Max34Text). */
function accountId(accountNumber: string): string {
  const compact = accountNumber.replace(/\s+/g, "").toUpperCase();
  return isValidIBAN(compact) ? `<Id><IBAN>${compact}</IBAN></Id>` : `<Id><Othr>${text("Id", accountNumber, 34)}</Othr></Id>`;
}

/**
 * Ustrd is Max140Text and may repeat: a longer description is split between words, the
 * space at each split dropped, so an importer that joins the parts with a space (ours
 * does) reads the same text. A word longer than 140 characters is cut where it must be.
 */
export function remittanceLines(description: string): string[] {
  const chars = Array.from(fitText(description, Number.MAX_SAFE_INTEGER) ?? "");
  const parts: string[] = [];
  let start = 0;
  while (start < chars.length) {
    let end = Math.min(start + USTRD_MAX, chars.length);
    if (end < chars.length) {
      const space = chars.lastIndexOf(" ", end);
      if (space > start) end = space;
    }
    parts.push(chars.slice(start, end).join(""));
    start = chars[end] === " " ? end + 1 : end;
  }
  return parts.filter((part) => part.trim() !== "");
}
