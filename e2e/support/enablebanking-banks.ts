/**
 * The banks Enable Banking's contract mock serves in the e2e run (scripts/e2e-enablebanking-mock.ts),
 * shared with e2e/real-adapter.spec.ts so that the spec counts what a first sync must import
 * from the mock's own data. Lines are dated relative to today.
 */
import type { MockBank, MockTransaction } from "../../lib/providers/enablebanking/testing/mock-server";

const DAY_MS = 86_400_000;
export const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10);

const line = (ref: string, days: number, amount: string, indicator: "CRDT" | "DBIT", text: string, party: string): MockTransaction => ({
  entry_reference: ref, transaction_amount: { currency: "EUR", amount }, credit_debit_indicator: indicator, status: "BOOK",
  booking_date: daysAgo(days), value_date: daysAgo(days), remittance_information: [text],
  ...(indicator === "DBIT" ? { creditor: { name: party } } : { debtor: { name: party } }),
});

/** Keeps two years: the first sync takes all of it, the line from 400 days ago included. */
export const NORDIC_MOCK_BANK: MockBank = {
  name: "Nordic Mock Bank", country: "FI", bic: "NMOCFIHH", logo: "https://example.invalid/logo.png", psu_types: ["business"],
  maximum_consent_validity: 180 * 86_400, beta: false, historyDays: 730,
  accounts: [
    {
      iban: "FI2112345600000785", currency: "EUR", details: "Operating account", cash_account_type: "CACC",
      balances: [{ balance_type: "CLBD", amount: "5230.40", reference_date: daysAgo(1) }],
      transactions: [
        line("e2e-0", 400, "310.00", "CRDT", "Deposit refund", "Landlord Oy"),
        line("e2e-1", 6, "1250.00", "CRDT", "Invoice 2041", "Customer Oy"),
        line("e2e-2", 4, "89.90", "DBIT", "Office supplies", "Paper Shop Ab"),
        line("e2e-3", 2, "12.50", "DBIT", "Parking", "City Parking"),
        { ...line("e2e-4", 0, "40.00", "DBIT", "Card hold", "Fuel Station"), status: "PDNG" },
      ],
    },
  ],
};

/** Keeps 90 days and refuses a longer period: the first sync steps down to 90 days. */
export const NORDIC_SHORT_BANK: MockBank = {
  name: "Nordic Short Memory Bank", country: "FI", bic: "NSHOFIHH", logo: "https://example.invalid/short.png", psu_types: ["business"],
  maximum_consent_validity: 180 * 86_400, beta: false, historyDays: 90,
  accounts: [
    {
      iban: "FI4950009420028730", currency: "EUR", details: "Short account", cash_account_type: "CACC",
      balances: [{ balance_type: "CLBD", amount: "120.00", reference_date: daysAgo(1) }],
      transactions: [
        line("short-1", 200, "500.00", "CRDT", "Old transfer", "Customer Oy"),
        line("short-2", 60, "75.00", "DBIT", "Insurance", "Insurer Oy"),
        line("short-3", 3, "20.00", "DBIT", "Lunch", "Cafe Oy"),
      ],
    },
  ],
};

/** The booked lines of a bank's accounts that fall in the last `days` days: what a first sync over them imports. */
export function bookedWithin(bank: MockBank, days: number): number {
  const from = daysAgo(days);
  return bank.accounts.flatMap((a) => a.transactions).filter((t) => t.status === "BOOK" && (t.booking_date ?? "") >= from).length;
}
