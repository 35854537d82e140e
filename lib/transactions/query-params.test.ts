import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, parsePageCursor, parseTransactionFilter, transactionsQuery } from "./query-params";

describe("transactions page URL", () => {
  it("round-trips filters and the cursor", () => {
    const filter = { from: "2026-01-01", to: "2026-03-31", text: "café & co" };
    const cursor = { direction: "older" as const, key: { bookingDate: "2026-02-14", id: 12345 } };
    const params = new URLSearchParams(transactionsQuery(filter, cursor).slice(1));
    expect(parseTransactionFilter(params)).toEqual(filter);
    expect(parsePageCursor(params)).toEqual(cursor);
    expect(parsePageCursor({ after: encodeCursor(cursor.key) })).toEqual({ direction: "newer", key: cursor.key });
    expect(transactionsQuery({ from: null, to: null, text: null })).toBe("");
  });

  it("ignores malformed values instead of failing", () => {
    expect(parseTransactionFilter({ from: "2026-02-30", to: "yesterday", q: ["  ", "x"] })).toEqual({ from: null, to: null, text: null });
    expect(decodeCursor("2026-13-01.5")).toBeNull();
    expect(decodeCursor("2026-01-01.5; drop table")).toBeNull();
    expect(decodeCursor(undefined)).toBeNull();
    expect(parseTransactionFilter({ q: "x".repeat(500) }).text).toHaveLength(100);
  });
});
