/**
 * Serves the production build (`next start`) on a throwaway embedded PostgreSQL seeded
 * with the demo company, for Playwright. Everything it started stops with it. The build
 * refuses the Sandbox bank and its test controls in production unless told: this server
 * opts in explicitly, with secrets of its own.
 */
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { closeDb, getDb } from "../db/client";
import { startEmbeddedPostgres } from "../db/embedded";
import { migrateDatabase } from "../db/migrate";
import { seedDemo } from "../db/seed";
import { SANDBOX_TEST_CONTROLS_SWITCH } from "../lib/sandbox/config";
import { e2eDatabaseFile } from "../e2e/support/database";
import { resetSandboxClock, sandboxClockFile } from "../e2e/support/sandbox-clock";
import { seedEmptyCompany } from "./lib/e2e-seed";
import { ensureDatabase } from "./lib/database";
import { freePort } from "./lib/ports";

const require = createRequire(import.meta.url);

async function main() {
  const port = Number(process.env.PORT ?? 3100);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "openbanksync-e2e-pg-"));
  fs.chmodSync(dataDir, 0o755); // PostgreSQL runs as the `postgres` user when we are root
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "data"), port: await freePort(), persistent: false });
  await ensureDatabase(embedded.url("postgres"), "openbanksync_e2e");
  const databaseUrl = embedded.url("openbanksync_e2e");
  process.env.DATABASE_URL = databaseUrl;
  await migrateDatabase(databaseUrl);
  await seedDemo(getDb());
  await seedEmptyCompany(getDb());
  await closeDb();
  fs.writeFileSync(e2eDatabaseFile(port), databaseUrl);
  resetSandboxClock(port);

  const secret = () => crypto.randomBytes(32).toString("base64url");
  const server = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "start", "-p", String(port)], {
    stdio: "inherit",
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: secret(),
      TOKEN_ENCRYPTION_KEY: secret(),
      AUTH_TRUST_HOST: "true",
      SANDBOX_PROVIDER: "on",
      SANDBOX_TOKEN_SECRET: secret(),
      SANDBOX_WEBHOOK_SECRET: secret(),
      SANDBOX_BASE_URL: `http://localhost:${port}/sandbox`,
      // Specs move the Sandbox to "the next day" through this file (e2e/support/sandbox-clock.ts);
      // production builds read it only with the test switch on.
      SANDBOX_TEST_CONTROLS: SANDBOX_TEST_CONTROLS_SWITCH,
      SANDBOX_CLOCK_FILE: sandboxClockFile(port),
    },
  });
  const stop = async () => {
    if (server.exitCode === null) server.kill("SIGTERM");
    await embedded.stop().catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(e2eDatabaseFile(port), { force: true });
    resetSandboxClock(port);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  server.on("exit", () => void stop());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
