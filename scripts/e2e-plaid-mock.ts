/**
 * The Plaid contract mock as a process, for the e2e run that connects a bank through the
 * Plaid adapter and our Link page (e2e/plaid-link.spec.ts). One US institution with a
 * distinctive name, so no other spec's search finds it. Transactions are dated in the
 * last days, so they fall in the first sync's window.
 */
import { servePlaidMock, type MockInstitution } from "../lib/providers/plaid/testing/mock-server";

const port = Number(process.env.PLAID_MOCK_PORT);
const clientId = process.env.PLAID_CLIENT_ID;
const secret = process.env.PLAID_SECRET;
if (!port || !clientId || !secret) throw new Error("PLAID_MOCK_PORT, PLAID_CLIENT_ID and PLAID_SECRET are required");

const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
type Line = MockInstitution["transactions"][number];
// Plaid's sign: a positive amount is money out.
const line = (daysAgo: number, amount: number, name: string, merchant: string | null, pending = false): Line => ({
  account: 0, amount, iso_currency_code: "USD", date: day(daysAgo), name, merchant_name: merchant, pending,
});

const prairie: MockInstitution = {
  institution_id: "ins_e2e_prairie",
  name: "Prairie Mock Credit Union",
  country_codes: ["US"],
  products: ["transactions"],
  logo: null,
  status: "HEALTHY",
  accounts: [
    { name: "Prairie Business Checking", official_name: "Prairie Business Checking", mask: "4417", type: "depository", subtype: "checking", balances: { available: 8120.5, current: 8250.75, iso_currency_code: "USD" } },
  ],
  transactions: [
    line(6, -2400, "ACH Deposit Invoice 3107", null),
    line(4, 64.2, "Hardware store", "Ace Hardware"),
    line(2, 8.75, "Parking meter", "City of Wichita"),
    line(0, 31.4, "Diner card hold", "Prairie Diner", true),
  ],
};

// The only institution: the Link stand-in links it when it is not told which.
const mock = await servePlaidMock({ clientId, secret, institutions: [prairie], port });
console.log(`[plaid-mock] listening on ${mock.baseUrl}`);
const stop = async () => {
  await mock.close();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
