/**
 * Strict readers for the values statement files carry: amounts, dates and currency codes.
 * They return null rather than guessing, so "-7l.99" is refused instead of read as -7.
 */
import { isIsoDate } from "@/lib/dates";
import { normalizeDecimal } from "@/lib/money";

const PLAIN_DECIMAL = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/;

/** An OFX/CAMT amount: digits with an optional "." or "," decimal mark and sign, nothing else. */
export function readPlainAmount(raw: string): string | null {
  const value = raw.trim();
  if (!PLAIN_DECIMAL.test(value)) return null;
  return toScale(value.replace(",", "."));
}

/**
 * A bank CSV amount: tolerates currency symbols, spaces and thousands separators around
 * the given decimal mark, "(12.00)" and "12.00-" for negatives.
 */
export function readCsvAmount(raw: string, decimalSeparator: "." | ","): string | null {
  let value = raw.trim().replace(/[\s\u00a0]/g, "");
  if (value === "") return null;
  let negative = false;
  if (/^\(.*\)$/.test(value)) {
    negative = true;
    value = value.slice(1, -1);
  }
  if (value.endsWith("-")) {
    negative = !negative;
    value = value.slice(0, -1);
  }
  value = value.replace(/^([+-]?)[$€£¥]|^[$€£¥]/, "$1").replace(/[$€£¥]$/, "");
  if (value.startsWith("-")) {
    negative = !negative;
    value = value.slice(1);
  } else if (value.startsWith("+")) {
    value = value.slice(1);
  }
  const thousands = decimalSeparator === "." ? /,(?=\d{3}(\D|$))/g : /[.'](?=\d{3}(\D|$))/g;
  value = value.replace(thousands, "");
  if (decimalSeparator === ",") value = value.replace(",", ".");
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(value)) return null;
  return toScale(`${negative ? "-" : ""}${value}`);
}

/** Two decimals, or up to four when the file gives them ("474.4" -> "474.40", "0.0825" kept). */
function toScale(value: string): string | null {
  const trimmed = value.replace(/\.$/, "");
  const decimals = trimmed.split(".")[1]?.replace(/0+$/, "").length ?? 0;
  try {
    return normalizeDecimal(trimmed, Math.min(Math.max(decimals, 2), 4));
  } catch {
    return null;
  }
}

export function negate(amount: string): string {
  if (/^-/.test(amount)) return amount.slice(1);
  return /^0*(\.0*)?$/.test(amount) ? amount : `-${amount}`;
}

/** OFX dates: YYYYMMDD, optionally followed by time and a [zone]; the calendar day is kept as written. */
export function readOfxDate(raw: string): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2,}(\.\d+)?)?(\[[^\]]*\])?$/.exec(raw.trim());
  if (!match) return null;
  const iso = `${match[1]}-${match[2]}-${match[3]}`;
  return isIsoDate(iso) ? iso : null;
}

/** CAMT dates: an ISO date, or a date-time of which the calendar day is kept as written. */
export function readIsoDate(raw: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})(T.*)?$/.exec(raw.trim());
  return match && isIsoDate(match[1]!) ? match[1]! : null;
}

export const CSV_DATE_FORMATS = ["YYYY-MM-DD", "DD.MM.YYYY", "DD.MM.YY", "DD/MM/YYYY", "MM/DD/YYYY", "DD-MM-YYYY", "YYYYMMDD"] as const;
export type CsvDateFormat = (typeof CSV_DATE_FORMATS)[number];

/** A CSV date in the chosen format; two-digit years are 2000-2099 (statements are not older). */
export function readCsvDate(raw: string, format: CsvDateFormat): string | null {
  const value = raw.trim();
  const parts: Record<CsvDateFormat, RegExp> = {
    "YYYY-MM-DD": /^(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})$/,
    "DD.MM.YYYY": /^(?<d>\d{1,2})\.(?<m>\d{1,2})\.(?<y>\d{4})$/,
    "DD.MM.YY": /^(?<d>\d{1,2})\.(?<m>\d{1,2})\.(?<y>\d{2})$/,
    "DD/MM/YYYY": /^(?<d>\d{1,2})\/(?<m>\d{1,2})\/(?<y>\d{4})$/,
    "MM/DD/YYYY": /^(?<m>\d{1,2})\/(?<d>\d{1,2})\/(?<y>\d{4})$/,
    "DD-MM-YYYY": /^(?<d>\d{1,2})-(?<m>\d{1,2})-(?<y>\d{4})$/,
    YYYYMMDD: /^(?<y>\d{4})(?<m>\d{2})(?<d>\d{2})$/,
  };
  const groups = parts[format].exec(value)?.groups;
  if (!groups) return null;
  const year = groups.y!.length === 2 ? `20${groups.y}` : groups.y!;
  const iso = `${year}-${groups.m!.padStart(2, "0")}-${groups.d!.padStart(2, "0")}`;
  return isIsoDate(iso) ? iso : null;
}

const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf("currency"));

/** ISO 4217 codes, from the runtime's own currency table. */
export function isIsoCurrency(code: string): boolean {
  return KNOWN_CURRENCIES.has(code);
}

/** Account numbers compare without spaces, dashes or dots and without case ("DE89 3704 …" = "de893704…"). */
export function normalizeAccountNumber(value: string): string {
  return value.replace(/[\s.\-/]/g, "").toUpperCase();
}
