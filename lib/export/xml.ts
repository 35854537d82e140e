/** Writing XML text safely: escaped, and free of the control characters XML 1.0 forbids. */

export function xmlText(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** An element with escaped text, or nothing when the value is empty. */
export function element(tag: string, value: string | null | undefined): string {
  return value ? `<${tag}>${xmlText(value)}</${tag}>` : "";
}

/** Amount as an unsigned decimal with the currency's minor units, more when the amount has them. */
export function unsignedAmount(amount: string, minorUnits: number): string {
  const unsigned = amount.trim().replace(/^[+-]/, "");
  const [integer = "0", fraction = ""] = unsigned.split(".");
  const kept = fraction.replace(/0+$/, "");
  const digits = Math.max(minorUnits, kept.length);
  const intPart = integer.replace(/^0+(?=\d)/, "");
  return digits > 0 ? `${intPart}.${kept.padEnd(digits, "0")}` : intPart;
}
