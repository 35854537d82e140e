/**
 * The Enable Banking contract mock as a process, for the e2e run that connects a bank
 * through a real adapter (e2e/real-adapter.spec.ts). Playwright's config wrote the
 * application's private key; the mock verifies every request with its public key.
 * Transactions are dated in the last days, so they fall in the first sync's window.
 */
import { createPrivateKey, createPublicKey } from "node:crypto";
import fs from "node:fs";
import { serveEnableBankingMock, type MockTransaction } from "../lib/providers/enablebanking/testing/mock-server";

const port = Number(process.env.ENABLE_BANKING_MOCK_PORT);
const keyFile = process.env.ENABLE_BANKING_PRIVATE_KEY_FILE;
if (!port || !keyFile) throw new Error("ENABLE_BANKING_MOCK_PORT and ENABLE_BANKING_PRIVATE_KEY_FILE are required");

const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
const line = (ref: string, daysAgo: number, amount: string, indicator: "CRDT" | "DBIT", text: string, party: string): MockTransaction => ({
  entry_reference: ref, transaction_amount: { currency: "EUR", amount }, credit_debit_indicator: indicator, status: "BOOK",
  booking_date: day(daysAgo), value_date: day(daysAgo), remittance_information: [text],
  ...(indicator === "DBIT" ? { creditor: { name: party } } : { debtor: { name: party } }),
});

const mock = await serveEnableBankingMock({
  applicationId: process.env.ENABLE_BANKING_APP_ID ?? "e2e-app",
  publicKey: createPublicKey(createPrivateKey(fs.readFileSync(keyFile, "utf8"))),
  port,
  banks: [
    {
      name: "Nordic Mock Bank", country: "FI", bic: "NMOCFIHH", logo: "https://example.invalid/logo.png", psu_types: ["business"],
      maximum_consent_validity: 180 * 86_400, beta: false,
      accounts: [
        {
          iban: "FI2112345600000785", currency: "EUR", details: "Operating account", cash_account_type: "CACC",
          balances: [{ balance_type: "CLBD", amount: "5230.40", reference_date: day(1) }],
          transactions: [
            line("e2e-1", 6, "1250.00", "CRDT", "Invoice 2041", "Customer Oy"),
            line("e2e-2", 4, "89.90", "DBIT", "Office supplies", "Paper Shop Ab"),
            line("e2e-3", 2, "12.50", "DBIT", "Parking", "City Parking"),
            { ...line("e2e-4", 0, "40.00", "DBIT", "Card hold", "Fuel Station"), status: "PDNG" },
          ],
        },
      ],
    },
  ],
});
console.log(`[enablebanking-mock] listening on ${mock.baseUrl}`);
const stop = async () => {
  await mock.close();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
