/**
 * A first CSV mapping for an account that has none yet: columns recognised by their
 * header (English, German, Dutch, French and Indonesian bank words), the date order and
 * decimal mark read from the data, and a pending/status column whose pending rows are
 * left out. Each guess comes with the reason for it; the user checks it in the mapping step.
 */
import { storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";
import type { CsvMapping } from "./csv-mapping";
import { CSV_DATE_FORMATS, readCsvAmount, readCsvDate, type CsvDateFormat } from "./values";

type ColumnKey = "dateColumn" | "amountColumn" | "debitColumn" | "creditColumn" | "descriptionColumn" | "partnerColumn" | "referenceColumn" | "currencyColumn";

// Within a field, earlier patterns win: a "Verwendungszweck" is a better description than a "Buchungstext".
const HEADERS: Record<ColumnKey, RegExp[]> = {
  dateColumn: [
    /^(booking ?date|posting ?date|buchungstag|buchungsdatum|boekdatum|boekingsdatum|date (d'|de l')?op[ée]ration|date comptable|tanggal transaksi)$/i,
    /^(date|datum|posted|transaction ?date|transactiedatum|tanggal|tgl\.?)$/i,
  ],
  debitColumn: [/^(debit|débit|debet|withdrawals?|money out|paid out|soll|ausgang|ausgaben|uitgaven?|d[ée]penses?)\b/i],
  creditColumn: [/^(credit|crédit|kredit|deposits?|money in|paid in|haben|eingang|einnahmen|inkomsten|recettes?)\b/i],
  amountColumn: [/^(amount|betrag|bedrag|montant|jumlah|nominal|mutasi|transaction amount|umsatz)\b/i, /^(value|sum|som|somme)\b/i],
  descriptionColumn: [
    /^(verwendungszweck|omschrijving|mededelingen|libell[ée]|keterangan|description|details|memo|narrative|purpose|remittance)/i,
    /^(text|buchungstext|uraian|d[ée]tail)/i,
  ],
  partnerColumn: [/^(payee|counterparty|partner|beguenstigter|begünstigter|empfänger|auftraggeber|naam|tegenpartij|b[ée]n[ée]ficiaire|tiers|nama|name)/i],
  referenceColumn: [/^(reference|référence|referentie|referensi|betalingskenmerk|kundenreferenz|ref\.?|check ?number|no\.? ?referensi)(?=$|[\s(])/i],
  currencyColumn: [/^(currency|ccy|waehrung|währung|munt|valuta|devise|mata ?uang)$/i],
};

const STATUS_HEADER = /^(status|state|info|umsatzart|statut|[ée]tat|keterangan status)$/i;
const PENDING_VALUE = /vorgemerkt|pending|in behandeling|en attente|en cours|tertunda|belum diproses|not booked|nicht gebucht/i;

export type MappingGuess = { mapping: CsvMapping; reasons: StoredMessage[] };

export function guessCsvMapping(rows: string[][]): MappingGuess {
  const header = (rows[0] ?? []).map((name) => name.trim());
  const data = rows.slice(1, 51);
  const reasons: StoredMessage[] = [];
  const taken = new Set<number>();
  const find = (key: ColumnKey): number | null => {
    for (const pattern of HEADERS[key]) {
      const index = header.findIndex((name, i) => !taken.has(i) && pattern.test(name));
      if (index >= 0) {
        taken.add(index);
        reasons.push(storedMessage(`statementFile.guess.columns.${key}`, { header: header[index]! }));
        return index;
      }
    }
    return null;
  };
  const dateColumn = find("dateColumn") ?? 0;
  const amountColumn = find("amountColumn");
  const debitColumn = amountColumn === null ? find("debitColumn") : null;
  const creditColumn = amountColumn === null ? find("creditColumn") : null;
  const amountMode = amountColumn === null && debitColumn !== null && creditColumn !== null ? "debitCredit" : "single";
  const descriptionColumn = find("descriptionColumn");
  const partnerColumn = find("partnerColumn");
  const referenceColumn = find("referenceColumn");
  const currencyColumn = find("currencyColumn");

  const amountCells = data.flatMap((row) => [amountColumn, debitColumn, creditColumn].map((i) => (i === null ? "" : (row[i] ?? "").trim()))).filter(Boolean);
  const decimal = decimalMarkOf(amountCells);
  if (decimal.example) reasons.push(storedMessage(decimal.mark === "," ? "statementFile.guess.decimalComma" : "statementFile.guess.decimalPoint", { example: decimal.example }));
  const date = dateFormatOf(data.map((row) => (row[dateColumn] ?? "").trim()).filter(Boolean));
  if (date.reason) reasons.push(date.reason);
  const pending = pendingColumnOf(header, data);
  if (pending) reasons.push(storedMessage("statementFile.guess.pending", { column: header[pending.column]!, value: pending.value }));

  return {
    mapping: {
      delimiter: "",
      hasHeader: true,
      dateColumn,
      dateFormat: date.format,
      amountMode,
      amountColumn: amountMode === "single" ? (amountColumn ?? 1) : null,
      debitColumn,
      creditColumn,
      decimalSeparator: decimal.mark,
      descriptionColumn,
      partnerColumn,
      referenceColumn,
      currencyColumn,
      skipColumn: pending?.column ?? null,
      skipValue: pending?.value ?? "",
      skipOtherCurrencies: false,
    },
    reasons,
  };
}

/** The mark before the last one or two digits of most amounts ("-2,56", "1.036,47"), where every amount reads with it. */
function decimalMarkOf(cells: string[]): { mark: "." | ","; example: string | null } {
  const votes = { ".": [] as string[], ",": [] as string[] };
  for (const cell of cells) {
    const mark = /([.,])\d{1,2}\)?-?\s*[^\d.,]{0,4}$/.exec(cell)?.[1] as "." | "," | undefined;
    if (mark) votes[mark].push(cell);
  }
  const mark = votes[","].length > votes["."].length ? "," : ".";
  if (!cells.every((cell) => readCsvAmount(cell, mark) !== null)) return { mark: ".", example: null };
  return { mark, example: votes[mark][0] ?? null };
}

/** The format that reads every date; a day over 12 tells day-first from month-first. */
function dateFormatOf(dates: string[]): { format: CsvDateFormat; reason: StoredMessage | null } {
  const reading = CSV_DATE_FORMATS.filter((format) => dates.length > 0 && dates.every((d) => readCsvDate(d, format)));
  const format = reading[0];
  if (!format) return { format: "YYYY-MM-DD", reason: null };
  const ruledOut = CSV_DATE_FORMATS.filter((other) => other !== format && dates.some((d) => readCsvDate(d, other)) && !reading.includes(other));
  const telling = ruledOut.length > 0 ? dates.find((d) => !readCsvDate(d, ruledOut[0]!)) : undefined;
  const count = dates.length;
  const reason = reading.length > 1
    ? storedMessage("statementFile.guess.dateFormatAmbiguous", { format, count, others: reading.slice(1).join(", ") })
    : telling
      ? storedMessage("statementFile.guess.dateFormatRuledOut", { format, count, example: telling, other: ruledOut[0]! })
      : storedMessage("statementFile.guess.dateFormat", { format, count });
  return { format, reason };
}

/** A status column some of whose rows say pending: those rows are left out by default. */
function pendingColumnOf(header: string[], data: string[][]): { column: number; value: string } | null {
  for (let column = 0; column < header.length; column += 1) {
    const values = data.map((row) => (row[column] ?? "").trim());
    const pending = values.find((value) => PENDING_VALUE.test(value));
    // A status column holds a few short values; a description that mentions "pending" is not one.
    if (pending && (STATUS_HEADER.test(header[column]!) || new Set(values).size <= 3)) return { column, value: pending };
  }
  return null;
}
