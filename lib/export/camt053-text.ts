/**
 * How a line's values fit camt.053.001.02's restricted text types without losing the
 * online id. AcctSvcrRef and EndToEndId are Max35Text: an online id that is longer (a
 * Plaid id has 37 characters) is written there as a short digest of itself, and the
 * full id, with a reference that was cut, travels in the transaction's AddtlTxInf
 * (Max500Text). Our importer takes the full values back only when they match what the
 * short elements say, so another bank's AddtlTxInf is never mistaken for ours.
 */
import { createHash } from "node:crypto";
import { z } from "zod";

export const MAX35 = 35;
const MAX500 = 500;
const DIGEST_PREFIX = "obs-sha256:";
const CARRIER_PREFIX = "OpenBankSync ";
// Characters XML 1.0 forbids; a text made only of them is no text at all.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * The value cut to `max` characters as XML Schema counts them (code points, so a cut
 * never splits a surrogate pair), without forbidden characters; null when nothing is left.
 */
export function fitText(value: string | null | undefined, max: number): string | null {
  if (!value) return null;
  const clean = Array.from(value.replace(FORBIDDEN, ""));
  return clean.length > 0 ? clean.slice(0, max).join("") : null;
}

/** The AcctSvcrRef for an online id: the id itself when it fits Max35Text, else its stable digest. */
export function servicerReference(onlineId: string): string {
  if (fitText(onlineId, MAX35) === onlineId) return onlineId;
  return DIGEST_PREFIX + createHash("sha256").update(onlineId).digest("hex").slice(0, MAX35 - DIGEST_PREFIX.length);
}

/** What the EndToEndId says for a reference: the reference, or its first 35 characters. */
export function endToEndId(reference: string | null): string {
  return fitText(reference, MAX35) ?? "NOTPROVIDED";
}

type Carried = { id?: string; reference?: string };

/**
 * The AddtlTxInf text for a line whose id or reference did not fit, or null. The id goes
 * first: when both do not fit in 500 characters, the reference stays cut, not the id.
 */
export function carriedValues(line: { onlineTransactionId: string | null; reference: string | null }): string | null {
  const carried: Carried = {};
  if (line.onlineTransactionId && servicerReference(line.onlineTransactionId) !== line.onlineTransactionId) carried.id = line.onlineTransactionId;
  if (line.reference && endToEndId(line.reference) !== line.reference) carried.reference = line.reference;
  for (const candidate of [carried, { id: carried.id }]) {
    if (candidate.id === undefined && candidate.reference === undefined) return null;
    const text = CARRIER_PREFIX + JSON.stringify(candidate);
    if (fitText(text, MAX500) === text) return text;
  }
  return null;
}

const carrierSchema = z.object({ id: z.string().min(1).optional(), reference: z.string().min(1).optional() });

/** True when an AddtlTxInf text is our carrier (so it is not the line's description). */
export function isCarrier(text: string | null): boolean {
  return text?.startsWith(CARRIER_PREFIX) ?? false;
}

/**
 * The full id and reference a carrier holds, each only when it matches the short element
 * written beside it (the digest in AcctSvcrRef, the start of the reference in EndToEndId).
 */
export function readCarriedValues(text: string | null, shown: { servicerRef: string | null; endToEnd: string | null }): Carried {
  if (!text || !isCarrier(text)) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(text.slice(CARRIER_PREFIX.length));
  } catch {
    return {};
  }
  const parsed = carrierSchema.safeParse(raw);
  if (!parsed.success) return {};
  const { id, reference } = parsed.data;
  return {
    ...(id && shown.servicerRef === servicerReference(id) ? { id } : {}),
    ...(reference && shown.endToEnd === endToEndId(reference).trim() ? { reference } : {}),
  };
}
