/** The fake banks the Salt Edge mock serves (Salt Edge's own sandbox banks live in country XF). */
import type { MockBank } from "./mock-server";

export const MAIN_IBAN = "GB33BUKB20201555555555";

export function mockBanks(): MockBank[] {
  return [
    {
      code: "fakebank_simple_xf", name: "Fake Bank Simple", country_code: "XF", bic_codes: ["FAKEXF22"], logo_url: "https://d1uuj3mi6rzwpm.cloudfront.net/logos/providers/xf/fake.svg",
      status: "active", interactive: false, automatic_fetch: true, max_fetch_interval: 365,
      accounts: [
        {
          id: "2001", name: "Business current", nature: "account", iban: MAIN_IBAN, currency_code: "GBP", balance: "2012.7",
          transactions: [
            { id: "3003", made_on: "2025-06-03", amount: "-3.5", currency_code: "GBP", description: "Coffee", status: "posted", extra: { payee: "Cafe London" } },
            { id: "3001", made_on: "2025-06-01", amount: "1500", currency_code: "GBP", description: "Invoice 1001", status: "posted", extra: { payer: "Customer Ltd", end_to_end_id: "E2E-1001" } },
            { id: "3002", made_on: "2025-06-02", amount: "-0.1e1", currency_code: "GBP", description: "Card fee", status: "posted", extra: { payee: "Bank", posting_date: "2025-06-04" } },
            { id: "3004", made_on: "2025-03-01", amount: "-99.99", currency_code: "GBP", description: "Before the window", status: "posted" },
            { id: "3005", made_on: "2025-06-10", amount: "-42.00", currency_code: "GBP", description: "Card payment (pending)", status: "pending", extra: { payee: "Shop" } },
          ],
        },
        { id: "2002", name: "Credit card", nature: "credit_card", iban: null, account_number: "4111 **** 1111", currency_code: "GBP", balance: "-120.45", transactions: [] },
      ],
    },
    {
      code: "fake_interactive_xf", name: "Fake Bank Interactive", country_code: "XF", bic_codes: [], logo_url: "https://d1uuj3mi6rzwpm.cloudfront.net/logos/providers/xf/interactive.svg",
      status: "active", interactive: true, automatic_fetch: false, max_fetch_interval: 90,
      accounts: [
        {
          id: "2101", name: "Current", nature: "account", iban: "DE89370400440532013000", currency_code: "EUR", balance: "10",
          transactions: [{ id: "3101", made_on: "2025-06-05", amount: "-10.25", currency_code: "EUR", description: "Transfer", status: "posted", extra: { payee: "Anna" } }],
        },
      ],
    },
    {
      code: "down_bank_gb", name: "Down Bank", country_code: "GB", bic_codes: ["DOWNGB2L"], logo_url: "https://example.test/down.svg",
      status: "inactive", interactive: false, automatic_fetch: true, max_fetch_interval: 730, accounts: [],
    },
  ];
}
