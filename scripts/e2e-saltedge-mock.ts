/**
 * The Salt Edge contract mock as a process, for the e2e run that connects a bank through
 * the Salt Edge adapter (e2e/saltedge-connect.spec.ts). Playwright's config wrote the
 * application's private key; the mock verifies every request's signature with its public
 * key. Its bank is e2e/support/saltedge-banks.ts.
 */
import { createPrivateKey, createPublicKey } from "node:crypto";
import fs from "node:fs";
import { THAMES_MOCK_BANK } from "../e2e/support/saltedge-banks";
import { serveSaltEdgeMock } from "../lib/providers/saltedge/testing/mock-server";

const port = Number(process.env.SALTEDGE_MOCK_PORT);
const keyFile = process.env.SALTEDGE_PRIVATE_KEY_FILE;
const appId = process.env.SALTEDGE_APP_ID;
const secret = process.env.SALTEDGE_SECRET;
if (!port || !keyFile || !appId || !secret) throw new Error("SALTEDGE_MOCK_PORT, SALTEDGE_PRIVATE_KEY_FILE, SALTEDGE_APP_ID and SALTEDGE_SECRET are required");

const mock = await serveSaltEdgeMock({
  appId, secret, appPublicKey: createPublicKey(createPrivateKey(fs.readFileSync(keyFile, "utf8"))), port, banks: [THAMES_MOCK_BANK],
});
console.log(`[saltedge-mock] listening on ${mock.baseUrl}`);
const stop = async () => {
  await mock.close();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
