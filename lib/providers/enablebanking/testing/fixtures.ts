/**
 * Banks served by the contract mock in the adapter's tests. Field values follow the
 * examples of Enable Banking's API reference (IBAN FI8821291587733472, entry reference
 * 5561990681, remittance "RF07850352502356628678117" + "Gift for Alex").
 */
import type { MockBank } from "./mock-server";

export const MAIN_IBAN = "FI8821291587733472";
export const SAVINGS_IBAN = "FI4950009420028730";
const DAY_SECONDS = 24 * 60 * 60;

export function mockBanks(): MockBank[] {
  return [
    {
      name: "Mock Bank",
      country: "FI",
      bic: "MOCKFIHH",
      logo: "https://enablebanking.com/brands/FI/Mock/",
      psu_types: ["personal", "business"],
      maximum_consent_validity: 180 * DAY_SECONDS,
      beta: false,
      accounts: [
        {
          iban: MAIN_IBAN,
          currency: "EUR",
          details: "Main account",
          cash_account_type: "CACC",
          balances: [
            { balance_type: "ITAV", amount: "1200.00" },
            { balance_type: "CLBD", amount: "1234.56", reference_date: "2025-06-14" },
          ],
          transactions: [
            {
              entry_reference: "5561990681", transaction_id: "tx-1",
              transaction_amount: { currency: "EUR", amount: "12.5" }, credit_debit_indicator: "DBIT", status: "BOOK",
              booking_date: "2025-06-01", value_date: "2025-05-31",
              creditor: { name: "Alex Gifts Oy" }, creditor_account: { iban: "FI1737631867613465" },
              remittance_information: ["RF07850352502356628678117", "Gift for Alex"], reference_number: "RF07850352502356628678117",
            },
            {
              entry_reference: "5561990682", transaction_amount: { currency: "EUR", amount: "1500.00" }, credit_debit_indicator: "CRDT",
              status: "BOOK", booking_date: "2025-06-02", value_date: "2025-06-02",
              debtor: { name: "Customer Ab" }, debtor_account: { iban: "SE4550000000058398257466" }, remittance_information: ["Invoice 1001"],
            },
            // Two identical coffees without an entry reference: two transactions, not one.
            {
              transaction_id: "tx-a", transaction_amount: { currency: "EUR", amount: "3.50" }, credit_debit_indicator: "DBIT",
              status: "BOOK", booking_date: "2025-06-03", creditor: { name: "Cafe Helsinki" }, remittance_information: ["Coffee"],
            },
            {
              transaction_id: "tx-b", transaction_amount: { currency: "EUR", amount: "3.50" }, credit_debit_indicator: "DBIT",
              status: "BOOK", booking_date: "2025-06-03", creditor: { name: "Cafe Helsinki" }, remittance_information: ["Coffee"],
            },
            {
              entry_reference: "5561990690", transaction_amount: { currency: "EUR", amount: "0.1" }, credit_debit_indicator: "CRDT",
              status: "BOOK", booking_date: "2025-06-10", remittance_information: ["Interest"],
            },
            {
              transaction_amount: { currency: "EUR", amount: "99.00" }, credit_debit_indicator: "DBIT", status: "CNCL",
              booking_date: "2025-06-11", remittance_information: ["Cancelled order"],
            },
            {
              transaction_amount: { currency: "EUR", amount: "40.00" }, credit_debit_indicator: "DBIT", status: "PDNG",
              transaction_date: "2025-06-14", creditor: { name: "Fuel Station" }, remittance_information: ["Card purchase"],
            },
          ],
        },
        {
          iban: SAVINGS_IBAN,
          currency: "EUR",
          details: "Savings",
          cash_account_type: "SVGS",
          balances: [{ balance_type: "CLBD", amount: "-5.00" }],
          transactions: [
            {
              entry_reference: "9000000001", transaction_amount: { currency: "EUR", amount: "250.00" }, credit_debit_indicator: "CRDT",
              status: "BOOK", booking_date: "2025-06-05", remittance_information: ["Transfer to savings"],
            },
          ],
        },
      ],
    },
    {
      name: "Beta Bank: Business",
      country: "SE",
      bic: null,
      logo: "https://enablebanking.com/brands/SE/Beta/",
      psu_types: ["business"],
      maximum_consent_validity: 90 * DAY_SECONDS,
      beta: true,
      accounts: [],
    },
  ];
}
