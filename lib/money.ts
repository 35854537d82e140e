/**
 * The one module that formats, parses and compares money. Amounts are decimal strings
 * ("-12.50") everywhere in TypeScript and `numeric` in PostgreSQL, never JS numbers.
 */
import currencyCodes from "currency-codes";
import { numberFormat } from "./intl-cache";

const DECIMAL = /^[+-]?\d+(\.\d+)?$/;

export function isDecimalString(value: string): boolean {
  return DECIMAL.test(value);
}

/** Normalizes "+012.5" to "12.50" with `scale` decimals, without floating point. */
export function normalizeDecimal(value: string, scale = 2): string {
  const trimmed = value.trim();
  if (!isDecimalString(trimmed)) throw new Error(`Not a decimal amount: ${value}`);
  const negative = trimmed.startsWith("-");
  const unsigned = trimmed.replace(/^[+-]/, "");
  const [intPart = "0", fracPart = ""] = unsigned.split(".");
  if (fracPart.length > scale && /[1-9]/.test(fracPart.slice(scale))) {
    throw new Error(`Amount ${value} has more than ${scale} decimals`);
  }
  const integer = intPart.replace(/^0+(?=\d)/, "");
  const fraction = fracPart.slice(0, scale).padEnd(scale, "0");
  const isZero = /^0*$/.test(integer + fraction);
  return `${negative && !isZero ? "-" : ""}${integer}${scale > 0 ? `.${fraction}` : ""}`;
}

/** Exact sum of decimal strings (via integer minor units), returned with `scale` decimals. */
export function sumDecimals(values: string[], scale = 2): string {
  let total = BigInt(0);
  for (const value of values) total += toMinorUnits(value, scale);
  return fromMinorUnits(total, scale);
}

export function toMinorUnits(value: string, scale = 2): bigint {
  const normalized = normalizeDecimal(value, scale);
  return BigInt(normalized.replace(".", ""));
}

export function fromMinorUnits(units: bigint, scale = 2): string {
  const negative = units < BigInt(0);
  const digits = (negative ? -units : units).toString().padStart(scale + 1, "0");
  const integer = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? "-" : ""}${integer}${scale > 0 ? `.${fraction}` : ""}`;
}

/** ISO 4217 minor units (IDR 2, JPY 0, BHD 3); Intl's CLDR data shows IDR with none. */
export function minorUnits(currency: string): number {
  return currencyCodes.code(currency.toUpperCase())?.digits ?? 2;
}

/** Decimals that carry a value: "-250000.5000" (numeric(20,4)) has one. */
function significantDecimals(amount: string): number {
  const fraction = amount.split(".")[1] ?? "";
  return fraction.replace(/0+$/, "").length;
}

/**
 * Display of an amount in the reader's language, never rounded: the currency's ISO 4217
 * minor units as the floor, more decimals when the amount has them. Intl formats the
 * decimal string itself (ES2023), so no float ever touches the digits.
 * Indonesian readers write "−Rp250.000,50": a true minus sign and no space after the symbol.
 */
export function formatMoney(amount: string, currency: string, locale = "en-US"): string {
  const floor = minorUnits(currency);
  const format = numberFormat(locale, {
    style: "currency",
    currency,
    minimumFractionDigits: floor,
    maximumFractionDigits: Math.max(floor, significantDecimals(amount.trim())),
  });
  // The cast is for lib typings that predate decimal strings in format/formatToParts.
  const parts = format.formatToParts(amount.trim() as unknown as number);
  if (!locale.toLowerCase().startsWith("id")) return parts.map((part) => part.value).join("");
  return parts
    .filter((part, index) => !(part.type === "literal" && /^\s+$/.test(part.value) && parts[index - 1]?.type === "currency"))
    .map((part) => (part.type === "minusSign" ? "\u2212" : part.value))
    .join("");
}

export function isNegative(amount: string): boolean {
  return amount.trim().startsWith("-") && !/^-0*(\.0*)?$/.test(amount.trim());
}
