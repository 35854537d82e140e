import { describe, expect, it } from "vitest";
import { matchPendingToPosted } from "./match";
import { normalizeText, textSimilarity } from "./similar-text";

describe("textSimilarity", () => {
  it("sees through case, spacing, digits and punctuation", () => {
    expect(normalizeText("  CARD  Payment: Shell 2214 ")).toBe("card payment shell");
    expect(textSimilarity("CARD PAYMENT Shell 2214", "Card payment Shell 0031")).toBe(2);
  });

  it("accepts a text contained in the other, or one sharing half its words", () => {
    expect(textSimilarity("Hotel Adler", "POS Hotel Adler Berlin")).toBe(1);
    expect(textSimilarity("Amazon Marketplace order", "AMZN Marketplace order EU")).toBe(1);
    expect(textSimilarity("Rent office", "Coffee Corner")).toBe(0);
    expect(textSimilarity("", "Coffee Corner")).toBe(0);
  });
});

const pending = (id: number, bookingDate: string, amount: string, description: string) => ({ id, bookingDate, amount, currency: "EUR", description });

describe("matchPendingToPosted", () => {
  it("pairs the same amount and currency within five days after, preferring the closer text, then the shorter wait", () => {
    const matches = matchPendingToPosted(
      [pending(1, "2026-11-20", "-12.5000", "Taxi 44"), pending(2, "2026-11-20", "-9.9900", "Bakery")],
      [
        pending(10, "2026-11-19", "-12.50", "Taxi"), // before the pending date
        pending(11, "2026-11-23", "-12.50", "Taxi ride to airport"),
        pending(12, "2026-11-22", "-12.5", "TAXI"),
        { ...pending(13, "2026-11-20", "-9.99", "Bakery"), currency: "USD" },
        pending(14, "2026-11-26", "-9.99", "Bakery"), // six days later
      ],
    );
    expect([...matches]).toEqual([[1, 12]]);
  });

  it("leaves ties alone, and two pending lines claiming one posted line", () => {
    expect(matchPendingToPosted([pending(1, "2026-11-20", "-3.50", "Coffee")], [pending(10, "2026-11-21", "-3.50", "Coffee"), pending(11, "2026-11-21", "-3.50", "Coffee")]).size).toBe(0);
    expect(matchPendingToPosted(
      [pending(1, "2026-11-20", "-3.50", "Coffee"), pending(2, "2026-11-20", "-3.50", "Coffee")],
      [pending(10, "2026-11-21", "-3.50", "Coffee")],
    ).size).toBe(0);
  });
});
