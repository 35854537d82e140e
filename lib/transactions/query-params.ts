/**
 * The transactions page's URL: filters (from, to, q) and the keyset cursor (before/after),
 * parsed leniently (a bad value is ignored) and written back into links.
 */
import { isIsoDate } from "@/lib/dates";

export type TransactionFilter = { from: string | null; to: string | null; text: string | null };
/** A position in the newest-first order: (booking date, id). */
export type TransactionCursor = { bookingDate: string; id: number };
/** "older": the rows after the cursor in newest-first order; "newer": the rows before it. */
export type PageCursor = { direction: "older" | "newer"; key: TransactionCursor };

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

const TEXT_MAX = 100;

function param(params: Params, name: string): string | undefined {
  const value = params instanceof URLSearchParams ? params.get(name) ?? undefined : params[name];
  return Array.isArray(value) ? value[0] : value;
}

function isoDateOrNull(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? "";
  return isIsoDate(trimmed) ? trimmed : null;
}

export function encodeCursor(key: TransactionCursor): string {
  return `${key.bookingDate}.${key.id}`;
}

export function decodeCursor(value: string | undefined): TransactionCursor | null {
  const match = /^(\d{4}-\d{2}-\d{2})\.(\d{1,15})$/.exec(value ?? "");
  if (!match || !isIsoDate(match[1]!)) return null;
  return { bookingDate: match[1]!, id: Number(match[2]) };
}

export function parseTransactionFilter(params: Params): TransactionFilter {
  const text = (param(params, "q") ?? "").trim().slice(0, TEXT_MAX);
  return { from: isoDateOrNull(param(params, "from")), to: isoDateOrNull(param(params, "to")), text: text || null };
}

export function parsePageCursor(params: Params): PageCursor | null {
  const before = decodeCursor(param(params, "before"));
  if (before) return { direction: "older", key: before };
  const after = decodeCursor(param(params, "after"));
  if (after) return { direction: "newer", key: after };
  return null;
}

export function isFiltered(filter: TransactionFilter): boolean {
  return Boolean(filter.from || filter.to || filter.text);
}

/** The query string for a filter and, optionally, a page cursor ("" when there is nothing to say). */
export function transactionsQuery(filter: TransactionFilter, cursor?: PageCursor): string {
  const params = new URLSearchParams();
  if (filter.from) params.set("from", filter.from);
  if (filter.to) params.set("to", filter.to);
  if (filter.text) params.set("q", filter.text);
  if (cursor) params.set(cursor.direction === "older" ? "before" : "after", encodeCursor(cursor.key));
  const query = params.toString();
  return query ? `?${query}` : "";
}
