/** Short references users quote to support; the same code is written to the server log. */
import crypto from "node:crypto";

const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O or 1/I to misread

export function newErrorReference(): string {
  const bytes = crypto.randomBytes(8);
  let code = "";
  for (const byte of bytes) code += ALPHABET[byte % ALPHABET.length];
  return `OBS-${code}`;
}

export function newClientId(): string {
  return `cl_${crypto.randomBytes(9).toString("base64url")}`;
}
