/**
 * The Enable Banking contract mock as a process, for the e2e run that connects a bank
 * through a real adapter (e2e/real-adapter.spec.ts). Playwright's config wrote the
 * application's private key; the mock verifies every request with its public key. Its
 * banks (e2e/support/enablebanking-banks.ts) keep two years and 90 days of history.
 */
import { createPrivateKey, createPublicKey } from "node:crypto";
import fs from "node:fs";
import { NORDIC_MOCK_BANK, NORDIC_SHORT_BANK } from "../e2e/support/enablebanking-banks";
import { serveEnableBankingMock } from "../lib/providers/enablebanking/testing/mock-server";

const port = Number(process.env.ENABLE_BANKING_MOCK_PORT);
const keyFile = process.env.ENABLE_BANKING_PRIVATE_KEY_FILE;
if (!port || !keyFile) throw new Error("ENABLE_BANKING_MOCK_PORT and ENABLE_BANKING_PRIVATE_KEY_FILE are required");

const mock = await serveEnableBankingMock({
  applicationId: process.env.ENABLE_BANKING_APP_ID ?? "e2e-app",
  publicKey: createPublicKey(createPrivateKey(fs.readFileSync(keyFile, "utf8"))),
  port,
  banks: [NORDIC_MOCK_BANK, NORDIC_SHORT_BANK],
});
console.log(`[enablebanking-mock] listening on ${mock.baseUrl}`);
const stop = async () => {
  await mock.close();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
