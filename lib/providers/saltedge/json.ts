/**
 * Salt Edge sends money as JSON numbers (`"amount": -50.1`). JSON.parse would turn them
 * into floats, so before parsing, the numeric values of the money fields are rewritten as
 * strings holding the exact digits Salt Edge sent. (A key inside a JSON string has
 * escaped quotes, so the pattern cannot match text within a description.)
 */
const MONEY_KEYS = ["amount", "balance", "available_amount", "credit_limit", "account_balance_snapshot"];
const MONEY_NUMBER = new RegExp(`"(${MONEY_KEYS.join("|")})"(\\s*:\\s*)(-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)(?=\\s*[,}\\]])`, "g");

/** "1.5e2" -> "150", "-2E-3" -> "-0.002": exponent notation to plain decimal digits, exactly. */
export function plainDecimal(literal: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(literal);
  if (!match) throw new Error(`Not a JSON number: ${literal}`);
  const [, sign = "", intPart = "0", fracPart = "", exponentText] = match;
  if (!exponentText) return literal;
  const exponent = Number(exponentText);
  let digits = intPart + fracPart;
  let point = intPart.length + exponent;
  if (point <= 0) {
    digits = "0".repeat(1 - point) + digits;
    point = 1;
  } else if (point > digits.length) {
    digits = digits.padEnd(point, "0");
  }
  const integer = digits.slice(0, point).replace(/^0+(?=\d)/, "");
  const fraction = digits.slice(point);
  return `${sign}${integer}${fraction ? `.${fraction}` : ""}`;
}

export function parseJsonKeepingMoney(text: string): unknown {
  return JSON.parse(text.replace(MONEY_NUMBER, (_all, key: string, colon: string, value: string) => `"${key}"${colon}"${plainDecimal(value)}"`));
}
