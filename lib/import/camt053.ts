/**
 * CAMT.053 (ISO 20022 bank-to-customer statement, camt.053.001.02 to .08). Booked entries
 * only; a batch entry whose transaction details carry amounts that add up to the entry is
 * split into one line per detail, otherwise the entry is one line.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { isCarrier, readCarriedValues } from "@/lib/export/camt053-text";
import { sumDecimals } from "@/lib/money";
import { storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";
import { faultAt, StatementFileError, type ClosingBalance, type ParsedLine, type ParsedStatement } from "./types";
import { isIsoCurrency, negate, readIsoDate, readPlainAmount } from "./values";

type Element = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  // Amounts and references stay strings: no float ever touches them.
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => ["Stmt", "Bal", "Ntry", "NtryDtls", "TxDtls", "Ustrd", "AddtlNtryInf", "Othr"].includes(name),
});

export function parseCamt053(text: string): ParsedStatement[] {
  // Bank statements never need a DTD; refusing one rules out entity-expansion bombs.
  if (/<!(DOCTYPE|ENTITY)/i.test(text)) throw new StatementFileError(storedMessage("statementFile.camtDoctype"));
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    // The validator's own explanation stays in its English: it names XML's terms.
    const where = storedMessage("statementFile.where.lineColumn", { line: valid.err.line, column: valid.err.col });
    throw new StatementFileError(faultAt(where, storedMessage("statementFile.xmlMalformed", { detail: valid.err.msg })));
  }
  const namespace = /urn:iso:std:iso:20022:tech:xsd:camt\.053\.001\.(\d\d)/.exec(text);
  if (!namespace) throw new StatementFileError(storedMessage("statementFile.camtNoNamespace", { element: "<Document>" }));
  const document = parser.parse(text) as Element;
  const statements = path(document, "Document", "BkToCstmrStmt", "Stmt") as Element[] | undefined;
  if (!statements?.length) throw new StatementFileError(storedMessage("statementFile.camtNoStatement", { element: "<Stmt>" }));
  const entryLines = linesOf(text, /<(?:\w+:)?Ntry[\s>]/g);
  let entryIndex = 0;
  return statements.map((statement, s) => {
    const account = (statement.Acct ?? {}) as Element;
    const accountNumber = text1(path(account, "Id", "IBAN")) ?? text1(path(account, "Id", "Othr", 0, "Id"));
    const currency = text1(account.Ccy)?.toUpperCase() ?? null;
    const statementAt = storedMessage("statementFile.where.statement", { statement: s + 1 });
    if (currency && !isIsoCurrency(currency)) {
      throw new StatementFileError(faultAt(statementAt, storedMessage("statementFile.valueNotCurrency", { element: "<Acct><Ccy>", value: currency })));
    }
    const lines: ParsedLine[] = [];
    const entries = (statement.Ntry ?? []) as Element[];
    const refCounts = countBy(entries.map((entry) => text1(entry.NtryRef)));
    for (const [n, entry] of entries.entries()) {
      entryIndex += 1;
      const where = storedMessage("statementFile.where.entry", { entry: n + 1, line: entryLines[entryIndex - 1] ?? "?" });
      lines.push(...readEntry(entry, where, currency, refCounts));
    }
    return { account: { accountNumber, currency }, lines, closingBalance: closingBalanceOf(statement, statementAt) };
  });
}

/** The booked closing balance (CLBD) the statement states, signed by its CdtDbtInd. */
function closingBalanceOf(statement: Element, where: StoredMessage): ClosingBalance | null {
  const closing = ((statement.Bal ?? []) as Element[]).find((bal) => text1(path(bal, "Tp", "CdOrPrtry", "Cd")) === "CLBD");
  if (!closing) return null;
  const date = readIsoDate(text1(path(closing, "Dt", "Dt")) ?? text1(path(closing, "Dt", "DtTm")) ?? "");
  if (!date) throw new StatementFileError(faultAt(where, storedMessage("statementFile.closingBalanceNoDate", { element: "<Dt>" })));
  return { amount: readAmount(closing.Amt, closing.CdtDbtInd, storedMessage("statementFile.where.closingBalance", { where }), null).amount, date };
}

function readEntry(entry: Element, where: StoredMessage, accountCurrency: string | null, refCounts: Map<string | null, number>): ParsedLine[] {
  const status = text1(entry.Sts) ?? text1(path(entry, "Sts", "Cd")) ?? text1(path(entry, "Sts", "Prtry"));
  if (status && status !== "BOOK") return [];
  const { amount, currency } = readAmount(entry.Amt, entry.CdtDbtInd, where, accountCurrency);
  const bookingRaw = text1(path(entry, "BookgDt", "Dt")) ?? text1(path(entry, "BookgDt", "DtTm"));
  if (!bookingRaw) throw new StatementFileError(faultAt(where, storedMessage("statementFile.elementMissing", { element: "<BookgDt>" })));
  const bookingDate = readIsoDate(bookingRaw);
  if (!bookingDate) throw new StatementFileError(faultAt(where, storedMessage("statementFile.notADate", { element: "<BookgDt><Dt>", value: bookingRaw })));
  const valueRaw = text1(path(entry, "ValDt", "Dt")) ?? text1(path(entry, "ValDt", "DtTm"));
  const valueDate = valueRaw ? readIsoDate(valueRaw) : null;
  if (valueRaw && !valueDate) throw new StatementFileError(faultAt(where, storedMessage("statementFile.notADate", { element: "<ValDt><Dt>", value: valueRaw })));
  const servicerRef = text1(entry.AcctSvcrRef);
  const entryRef = text1(entry.NtryRef);
  // NtryRef is not unique in every bank's files; only a unique one may serve as the id.
  const details = ((entry.NtryDtls ?? []) as Element[]).flatMap((d) => (d.TxDtls ?? []) as Element[]);
  // Our own export carries an id too long for AcctSvcrRef in the detail's AddtlTxInf.
  const carried = details.length === 1
    ? readCarriedValues(text1(details[0]!.AddtlTxInf), { servicerRef, endToEnd: text1(path(details[0], "Refs", "EndToEndId")) })
    : {};
  const entryId = carried.id ?? servicerRef ?? (entryRef && refCounts.get(entryRef) === 1 ? entryRef : null);
  const entryText = ((entry.AddtlNtryInf ?? []) as unknown[]).map(text1).filter(Boolean).join(" ") || batchSummary(entry);

  const base = { bookingDate, valueDate };
  const split = details.length > 1 ? splitDetails(details, amount, currency, entry.CdtDbtInd, where) : null;
  if (split) {
    return split.map((line, i) => ({
      ...base,
      ...describe(details[i]!, line.amount, entryText),
      position: storedMessage("statementFile.where.detail", { where, detail: i + 1 }),
      fileTransactionId: entryId ? `${entryId}/${i + 1}` : null,
      amount: line.amount,
      currency: line.currency,
    }));
  }
  // A batch booked as one entry speaks for itself: its own text, else its details' remittances.
  const described = details.length > 1
    ? { ...describe(undefined, amount, entryText || details.map((d) => describe(d, amount, "").description).filter(Boolean).join("; ")) }
    : describe(details[0], amount, entryText);
  if (carried.reference) described.reference = carried.reference;
  return [{ ...base, ...described, position: where, fileTransactionId: entryId, amount, currency }];
}

/** The details' own amounts, when every detail has one and they add up to the entry. */
function splitDetails(details: Element[], entryAmount: string, entryCurrency: string, entrySign: unknown, where: StoredMessage) {
  const amounts = details.map((detail, i) => {
    const raw = detail.Amt ?? path(detail, "AmtDtls", "TxAmt", "Amt");
    return raw === undefined ? null : readAmount(raw, detail.CdtDbtInd ?? entrySign, storedMessage("statementFile.where.detail", { where, detail: i + 1 }), null);
  });
  if (amounts.some((a) => a === null || a.currency !== entryCurrency)) return null;
  const lines = amounts as { amount: string; currency: string }[];
  return sumDecimals(lines.map((l) => l.amount), 4) === sumDecimals([entryAmount], 4) ? lines : null;
}

function readAmount(raw: unknown, sign: unknown, where: StoredMessage, fallbackCurrency: string | null): { amount: string; currency: string } {
  const value = text1(raw);
  const fault = (problem: StoredMessage) => new StatementFileError(faultAt(where, problem));
  if (value === null) throw fault(storedMessage("statementFile.elementMissing", { element: "<Amt>" }));
  const unsigned = /^\d+(\.\d+)?$/.test(value) ? readPlainAmount(value) : null;
  if (unsigned === null) throw fault(storedMessage("statementFile.notAnAmount", { element: "<Amt>", value }));
  const currency = (typeof raw === "object" && raw !== null ? text1((raw as Element)["@Ccy"]) : null)?.toUpperCase() ?? fallbackCurrency;
  if (!currency) throw fault(storedMessage("statementFile.amountNoCurrency", { element: "<Amt>" }));
  if (!isIsoCurrency(currency)) throw fault(storedMessage("statementFile.elementNotCurrency", { element: `<Amt Ccy="${currency}">` }));
  const indicator = text1(sign);
  if (indicator !== "CRDT" && indicator !== "DBIT") throw fault(storedMessage("statementFile.creditDebitIndicator", { element: "<CdtDbtInd>", value: indicator ?? "" }));
  return { amount: indicator === "DBIT" ? negate(unsigned) : unsigned, currency };
}

/**
 * What a batch booked as one entry says about itself when the bank gives no text: its
 * number of transactions and payment id, so the line is not blank in the books.
 */
function batchSummary(entry: Element): string {
  const batch = ((entry.NtryDtls ?? []) as Element[]).map((d) => d.Btch as Element | undefined).find(Boolean);
  if (!batch) return "";
  const count = text1(batch.NbOfTxs);
  const id = text1(batch.PmtInfId) ?? text1(batch.MsgId);
  return [`Batch${count ? ` of ${count} transactions` : ""}`, id ? `payment ${id}` : null].filter(Boolean).join(", ");
}

/** Counterparty, remittance text and reference of a transaction detail (the other side of the payment). */
function describe(detail: Element | undefined, amount: string, entryText: string) {
  const incoming = !amount.startsWith("-");
  const parties = (detail?.RltdPties ?? {}) as Element;
  const side = incoming ? "Dbtr" : "Cdtr";
  const partnerName = text1(path(parties, side, "Nm")) ?? text1(path(parties, side, "Pty", "Nm"));
  const partnerAccount = text1(path(parties, `${side}Acct`, "Id", "IBAN")) ?? text1(path(parties, `${side}Acct`, "Id", "Othr", 0, "Id"));
  const remittance = ((path(detail, "RmtInf", "Ustrd") ?? []) as unknown[]).map(text1).filter(Boolean).join(" ");
  const endToEnd = text1(path(detail, "Refs", "EndToEndId"));
  const creditorRef = text1(path(detail, "RmtInf", "Strd", "CdtrRefInf", "Ref"));
  return {
    description: (remittance || additionalInformation(detail) || entryText).trim(),
    partnerName,
    partnerAccount,
    reference: creditorRef ?? (endToEnd && endToEnd !== "NOTPROVIDED" ? endToEnd : null),
  };
}

/** The detail's AddtlTxInf as text, unless it is our export's carrier of long ids. */
function additionalInformation(detail: Element | undefined): string | null {
  const information = text1(detail?.AddtlTxInf);
  return isCarrier(information) ? null : information;
}

function path(value: unknown, ...keys: (string | number)[]): unknown {
  let current = value;
  for (const key of keys) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/** The text of an element, whether the parser gave a string or an object with attributes. */
function text1(value: unknown): string | null {
  if (Array.isArray(value)) return text1(value[0]);
  if (typeof value === "string") return value.trim() || null;
  if (value && typeof value === "object" && "#text" in value) return text1((value as Element)["#text"]);
  return null;
}

function countBy<T>(values: T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

function linesOf(text: string, pattern: RegExp): number[] {
  const result: number[] = [];
  let line = 1;
  let cursor = 0;
  for (const match of text.matchAll(pattern)) {
    for (let i = text.indexOf("\n", cursor); i >= 0 && i < match.index; i = text.indexOf("\n", i + 1)) line += 1;
    cursor = match.index;
    result.push(line);
  }
  return result;
}
