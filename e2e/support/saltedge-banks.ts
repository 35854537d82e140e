/**
 * The bank Salt Edge's contract mock serves in the e2e run (scripts/e2e-saltedge-mock.ts),
 * shared with e2e/saltedge-connect.spec.ts so that the spec counts what the first sync must
 * import from the mock's own data. Lines are dated relative to today.
 */
import type { MockBank, MockTransaction } from "../../lib/providers/saltedge/testing/mock-server";

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
const line = (id: string, days: number, amount: string, description: string, status: "posted" | "pending" = "posted"): MockTransaction => ({
  id, made_on: daysAgo(days), amount, currency_code: "GBP", description, status,
});

export const THAMES_MOCK_BANK: MockBank = {
  code: "thames_mock_gb", name: "Thames Mock Bank", country_code: "GB", bic_codes: ["TMOKGB2L"], logo_url: "https://example.invalid/thames.svg",
  status: "active", interactive: false, automatic_fetch: true, max_fetch_interval: 365,
  accounts: [
    {
      id: "5001", name: "Thames Business Current", nature: "account", iban: "GB29NWBK60161331926819", currency_code: "GBP", balance: "4120.55",
      transactions: [
        line("6001", 300, "2500.00", "Contract payment"),
        line("6002", 40, "-120.00", "Software licence"),
        line("6003", 5, "-15.75", "Taxi"),
        line("6004", 2, "-3.20", "Coffee"),
        line("6005", 0, "-60.00", "Card payment (pending)", "pending"),
      ],
    },
  ],
};

/** The posted lines Salt Edge holds for the bank: what the first sync imports. */
export function postedLines(bank: MockBank): number {
  return bank.accounts.flatMap((a) => a.transactions).filter((t) => t.status === "posted").length;
}
