/**
 * Where each e2e server's database is, so a spec can arrange what no page can (for
 * example, remove recent lines to watch the scheduler bring them back).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";

export function e2eDatabaseFile(port: number): string {
  return path.join(os.tmpdir(), `openbanksync-e2e-${port}.database-url`);
}

export function e2eDatabaseUrl(port: number): string {
  return fs.readFileSync(e2eDatabaseFile(port), "utf8").trim();
}

/** The main e2e server's port (playwright.config.ts). */
const MAIN_PORT = Number(process.env.E2E_PORT ?? 3100);

/** Runs `work` on a short-lived connection to the e2e server's database. */
export async function withE2eDb<T>(work: (sql: postgres.Sql) => Promise<T>, port = MAIN_PORT): Promise<T> {
  const sql = postgres(e2eDatabaseUrl(port), { max: 1 });
  try {
    return await work(sql);
  } finally {
    await sql.end();
  }
}
