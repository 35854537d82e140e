/**
 * Plaid sends money as JSON numbers. JSON.parse would turn "72.10" into a float; this
 * rewrites the literals of the money fields into JSON strings first, so amounts stay
 * exactly as Plaid wrote them (DESIGN.md: decimal strings, never floats).
 */

const MONEY_FIELDS = ["amount", "available", "current", "limit"];
// A money key (not inside a string: its quote is not escaped) followed by a number literal.
const MONEY_NUMBER = new RegExp(`(?<!\\\\)"(${MONEY_FIELDS.join("|")})"(\\s*:\\s*)(-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)`, "g");

export function parseDecimalJson(text: string): unknown {
  return JSON.parse(text.replace(MONEY_NUMBER, (_, key: string, colon: string, literal: string) => `"${key}"${colon}"${plainDecimal(literal)}"`));
}

/** "1.5e-7" -> "0.00000015", "2E3" -> "2000"; plain literals are returned as they are. */
export function plainDecimal(literal: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(literal);
  if (!match) throw new Error(`Not a number literal: ${literal}`);
  const [, sign = "", integer = "", fraction = "", exponentText] = match;
  if (exponentText === undefined) return literal;
  const exponent = Number(exponentText);
  const digits = `${integer}${fraction}`;
  const point = integer.length + exponent;
  let result: string;
  if (point <= 0) result = `0.${"0".repeat(-point)}${digits}`;
  else if (point >= digits.length) result = `${digits}${"0".repeat(point - digits.length)}`;
  else result = `${digits.slice(0, point)}.${digits.slice(point)}`;
  result = result.replace(/^0+(?=\d)/, "");
  if (result.includes(".")) result = result.replace(/\.?0+$/, "");
  return `${sign}${result}`;
}

/** Plaid's sign is the other way round (positive = money out): "72.10" -> "-72.10". */
export function negateDecimal(value: string): string {
  if (/^-?0*(\.0*)?$/.test(value)) return value.replace(/^-/, "");
  return value.startsWith("-") ? value.slice(1) : `-${value}`;
}
