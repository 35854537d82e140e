/** Tells the format of a statement file from its first bytes, whatever its name says. */
import type { StatementFormat } from "./types";

export function detectFormat(head: string): StatementFormat {
  if (/OFXHEADER|<OFX>/i.test(head)) return "ofx";
  // Any other XML goes to the CAMT reader, which says clearly when it is not a CAMT.053 statement.
  if (/camt\.053\.001/.test(head) || /^\s*(\uFEFF|ï»¿)?\s*<(\?xml|Document)/.test(head)) return "camt053";
  return "csv";
}

/**
 * Text of an OFX or XML file: UTF-8 when the bytes are valid UTF-8, otherwise Windows-1252
 * (what OFX 1.x "CHARSET:1252" and many older bank exports use).
 */
export function decodeStatement(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}
