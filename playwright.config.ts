import { generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
/** A second server whose built-in scheduler runs every few seconds (e2e/automatic-sync.spec.ts). */
export const SCHEDULER_PORT = PORT + 1;
/** Enable Banking's contract mock, so one e2e run connects a bank through a real adapter. */
const ENABLE_BANKING_MOCK_PORT = PORT + 2;
/** Plaid's contract mock: e2e/plaid-link.spec.ts reaches its Link stand-in for a public token. */
export const PLAID_MOCK_PORT = PORT + 3;
/** Salt Edge's contract mock: e2e/saltedge-connect.spec.ts connects a bank through its adapter. */
const SALTEDGE_MOCK_PORT = PORT + 4;

/** A throwaway application key, shared by the app (signs) and a provider's mock (verifies). */
function appKeyFile(provider: string): string {
  const file = path.join(os.tmpdir(), `openbanksync-e2e-${PORT}-${provider}.pem`);
  if (!fs.existsSync(file)) {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    fs.writeFileSync(file, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
  }
  return file;
}
const enableBanking = {
  ENABLE_BANKING_APP_ID: "e2e-application",
  ENABLE_BANKING_PRIVATE_KEY_FILE: appKeyFile("enablebanking"),
  ENABLE_BANKING_BASE_URL: `http://127.0.0.1:${ENABLE_BANKING_MOCK_PORT}`,
};

// Made-up credentials the mock checks on every request, beside the request signature.
const saltEdge = {
  SALTEDGE_APP_ID: "e2e-saltedge-app",
  SALTEDGE_SECRET: "e2e-saltedge-secret",
  SALTEDGE_PRIVATE_KEY_FILE: appKeyFile("saltedge"),
  SALTEDGE_BASE_URL: `http://127.0.0.1:${SALTEDGE_MOCK_PORT}/api/v6`,
  SALTEDGE_REFRESH_POLL_MS: "50",
};

// Made-up keys the mock checks in every request body. The app opens its own Link page
// (no PLAID_LINK_PAGE_URL), whose CDN script the spec stands in for.
const plaid = {
  PLAID_CLIENT_ID: "e2e-plaid-client",
  PLAID_SECRET: "e2e-plaid-secret",
  PLAID_BASE_URL: `http://127.0.0.1:${PLAID_MOCK_PORT}`,
};

/** Debian's Chromium here; Playwright's own browser on a laptop that has one. */
function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (fs.existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  return undefined;
}

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: chromiumPath(),
          args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        },
      },
    },
  ],
  webServer: [
    {
      command: "tsx scripts/e2e-enablebanking-mock.ts",
      port: ENABLE_BANKING_MOCK_PORT,
      env: { ...enableBanking, ENABLE_BANKING_MOCK_PORT: String(ENABLE_BANKING_MOCK_PORT) },
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: "tsx scripts/e2e-plaid-mock.ts",
      port: PLAID_MOCK_PORT,
      env: { ...plaid, PLAID_MOCK_PORT: String(PLAID_MOCK_PORT) },
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: "tsx scripts/e2e-saltedge-mock.ts",
      port: SALTEDGE_MOCK_PORT,
      env: { ...saltEdge, SALTEDGE_MOCK_PORT: String(SALTEDGE_MOCK_PORT) },
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      // The production build, on a fresh embedded database with the demo data. Background
      // passes are off so a click never races a scheduled run.
      command: "tsx scripts/e2e-server.ts",
      url: `http://localhost:${PORT}/login`,
      // Private addresses allowed: e2e/webhooks.spec.ts registers a receiver on loopback.
      env: { PORT: String(PORT), BACKGROUND_SYNC: "off", WEBHOOKS_ALLOW_PRIVATE_ADDRESSES: "true", ...enableBanking, ...plaid, ...saltEdge },
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: "tsx scripts/e2e-server.ts",
      url: `http://localhost:${SCHEDULER_PORT}/login`,
      env: { PORT: String(SCHEDULER_PORT), SYNC_INTERVAL_MINUTES: "0.05", SYNC_FIRST_PASS_SECONDS: "3" },
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
