/** The institutions the Plaid contract mock serves in tests (Plaid's Sandbox names). */
import type { MockInstitution } from "./mock-server";

// A 1x1 PNG, as Plaid sends logos: base64 without a data: prefix.
export const LOGO = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

export function mockInstitutions(): MockInstitution[] {
  return [
    {
      institution_id: "ins_109508",
      name: "First Platypus Bank",
      country_codes: ["US"],
      products: ["assets", "auth", "balance", "transactions"],
      logo: LOGO,
      status: "HEALTHY",
      accounts: [
        { name: "Plaid Checking", official_name: "Plaid Gold Standard 0% Interest Checking", mask: "0000", type: "depository", subtype: "checking", balances: { available: 100, current: 110.5, iso_currency_code: "USD" } },
        { name: "Plaid Credit Card", official_name: "Plaid Diamond 12.5% APR Interest Credit Card", mask: "3333", type: "credit", subtype: "credit card", balances: { available: null, current: 410, iso_currency_code: "USD" } },
      ],
      transactions: [
        { account: 0, amount: 12.1, iso_currency_code: "USD", date: "2025-06-01", name: "Coffee Shop", merchant_name: "Starbucks", pending: false },
        { account: 0, amount: -1500, iso_currency_code: "USD", date: "2025-06-02", name: "ACH Deposit Invoice 1001", pending: false, payment_meta: { reference_number: "INV-1001", payee: null, payer: "Customer Inc" } },
        { account: 0, amount: 3.5, iso_currency_code: "USD", date: "2025-06-03", name: "Coffee", merchant_name: "Blue Bottle", pending: false },
        { account: 0, amount: 3.5, iso_currency_code: "USD", date: "2025-06-03", name: "Coffee", merchant_name: "Blue Bottle", pending: false },
        { account: 0, amount: 0.01, iso_currency_code: "USD", date: "2025-06-04", name: "Bank fee", pending: false },
        { account: 0, amount: 40, iso_currency_code: "USD", date: "2025-06-14", name: "Gas Station", merchant_name: "Shell", pending: true },
        { account: 1, amount: 89.99, iso_currency_code: "USD", date: "2025-06-05", name: "Airline", merchant_name: "United Airlines", pending: false },
        { account: 0, amount: 25, iso_currency_code: "USD", date: "2024-01-10", name: "Old line", pending: false },
      ],
    },
    {
      institution_id: "ins_down",
      name: "Down Credit Union",
      country_codes: ["US", "CA"],
      products: ["transactions"],
      logo: null,
      status: "DOWN",
      accounts: [],
      transactions: [],
    },
    {
      institution_id: "ins_gb",
      name: "Royal Sandbox Bank",
      country_codes: ["GB"],
      products: ["transactions"],
      logo: null,
      status: "HEALTHY",
      accounts: [],
      transactions: [],
    },
  ];
}
