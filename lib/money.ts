/**
 * The one module that formats, parses and compares money. Amounts are decimal strings
 * ("-12.50") everywhere in TypeScript and `numeric` in PostgreSQL, never JS numbers.
 */

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

/** "€1,234.50" style display. Intl formats the decimal string itself, with no float rounding. */
export function formatMoney(amount: string, currency: string, locale = "en-US"): string {
  const format = new Intl.NumberFormat(locale, { style: "currency", currency });
  // Intl.NumberFormat accepts decimal strings exactly (ES2023); the cast is for older lib typings.
  return format.format(amount as unknown as number);
}

export function isNegative(amount: string): boolean {
  return amount.trim().startsWith("-") && !/^-0*(\.0*)?$/.test(amount.trim());
}
