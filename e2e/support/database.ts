/**
 * Where each e2e server's database is, so a spec can arrange what no page can (for
 * example, remove recent lines to watch the scheduler bring them back).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export function e2eDatabaseFile(port: number): string {
  return path.join(os.tmpdir(), `openbanksync-e2e-${port}.database-url`);
}

export function e2eDatabaseUrl(port: number): string {
  return fs.readFileSync(e2eDatabaseFile(port), "utf8").trim();
}
