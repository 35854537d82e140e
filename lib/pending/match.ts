/**
 * Pairs pending lines the bank stopped listing with the posted lines that most likely
 * replaced them, when the provider did not say which: same amount and currency, booked
 * 0 to MAX_POSTING_DAYS days after the pending date, similar text. Only unambiguous pairs
 * are made; a tie is left for the user rather than guessed.
 */
import { addDays } from "@/lib/dates";
import { textSimilarity } from "./similar-text";

/** How long a bank takes to post a pending line, at most. */
export const MAX_POSTING_DAYS = 5;

export type PendingSide = { id: number; bookingDate: string; amount: string; currency: string; description: string };
export type PostedSide = { id: number; bookingDate: string; amount: string; currency: string; description: string };

type Scored = { postedId: number; similarity: number; days: number };

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Amounts as PostgreSQL numeric gives them ("-12.5000") compared by value, not by spelling. */
function sameAmount(a: string, b: string): boolean {
  const canonical = (value: string) => {
    const negative = value.startsWith("-");
    const [whole = "0", fraction = ""] = value.replace(/^[-+]/, "").split(".");
    const digits = `${whole.replace(/^0+/, "") || "0"}.${fraction.replace(/0+$/, "")}`;
    return digits === "0." ? "0." : `${negative ? "-" : ""}${digits}`;
  };
  return canonical(a) === canonical(b);
}

function candidatesOf(pending: PendingSide, posted: PostedSide[]): Scored[] {
  const latest = addDays(pending.bookingDate, MAX_POSTING_DAYS);
  return posted
    .filter((line) => line.currency === pending.currency && sameAmount(line.amount, pending.amount)
      && line.bookingDate >= pending.bookingDate && line.bookingDate <= latest)
    .map((line) => ({ postedId: line.id, similarity: textSimilarity(pending.description, line.description), days: daysBetween(pending.bookingDate, line.bookingDate) }))
    .filter((scored) => scored.similarity > 0)
    // The closest text first, then the shortest wait.
    .sort((a, b) => b.similarity - a.similarity || a.days - b.days);
}

/** pending id -> posted id, each side used at most once. */
export function matchPendingToPosted(pending: PendingSide[], posted: PostedSide[]): Map<number, number> {
  const choice = new Map<number, number>();
  for (const line of pending) {
    const [best, second] = candidatesOf(line, posted);
    if (!best) continue;
    if (second && second.similarity === best.similarity && second.days === best.days) continue;
    choice.set(line.id, best.postedId);
  }
  // Two pending lines pointing at one posted line: neither is sure.
  const claims = new Map<number, number>();
  for (const postedId of choice.values()) claims.set(postedId, (claims.get(postedId) ?? 0) + 1);
  return new Map([...choice].filter(([, postedId]) => claims.get(postedId) === 1));
}
