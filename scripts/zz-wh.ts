import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeDb, getDb } from "../db/client";
import { startEmbeddedPostgres } from "../db/embedded";
import { migrateDatabase } from "../db/migrate";
import { institutions } from "../db/schema";
import { ensureDatabase } from "./lib/database";
import { freePort } from "./lib/ports";
import { startBenchApp } from "./zz-bench-app";
import { benchWebhooks } from "./lib/bench-webhooks";

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "exp-pg-"));
  fs.chmodSync(dataDir, 0o755);
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "data"), port: await freePort(), persistent: false });
  await ensureDatabase(embedded.url("postgres"), "bench");
  process.env.DATABASE_URL = embedded.url("bench");
  process.env.AUTH_SECRET ??= crypto.randomBytes(32).toString("base64url");
  process.env.SANDBOX_TOKEN_SECRET ??= crypto.randomBytes(32).toString("base64url");
  process.env.SANDBOX_WEBHOOK_SECRET ??= crypto.randomBytes(32).toString("base64url");
  await migrateDatabase(process.env.DATABASE_URL);
  const db = getDb();
  await db.insert(institutions).values({ provider: "sandbox", providerInstitutionId: "x", name: "X", country: "DE" });
  const app = await startBenchApp(process.env.DATABASE_URL);
  await benchWebhooks({ db, baseUrl: app.baseUrl, record: (f) => console.log(f.name.padEnd(70), f.value.toFixed(1), f.unit), percentile: (v, p) => [...v].sort((a, b) => a - b)[Math.floor((p / 100) * v.length)]! });
  await app.stop();
  await closeDb(); await embedded.stop();
}
main().catch((e) => { console.error(e); process.exit(1); });
