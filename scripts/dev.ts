/**
 * `npm run dev`: runs the app on one machine. Without DATABASE_URL it starts the embedded
 * PostgreSQL (data in .data/pg, kept between runs), applies the migrations, seeds the demo
 * company once, then runs `next dev` (and the Inngest dev server when INNGEST_DEV=1 and its
 * binary is installed). Ctrl-C stops everything it started.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { closeDb, getDb } from "../db/client";
import { runningPostmasterPid, startEmbeddedPostgres, type EmbeddedDatabase } from "../db/embedded";
import { migrateDatabase } from "../db/migrate";
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from "../db/seed";
import { localAuthSecret } from "./lib/auth-secret";
import { maybeStartInngestDev } from "./lib/inngest-dev";
import { ensureDatabase } from "./lib/database";
import { isPortFree } from "./lib/ports";

const require = createRequire(import.meta.url);
const DATA_ROOT = path.join(process.cwd(), ".data");
const PG_DATA_DIR = path.join(DATA_ROOT, "pg");
const DATABASE_NAME = "openbanksync";

function fail(message: string): never {
  console.error(`\n  ${message}\n`);
  process.exit(1);
}

async function main() {
  const port = Number(process.env.PORT ?? 3000);
  if (!(await isPortFree(port))) {
    fail(`Port ${port} is already in use (another copy of OpenBankSync, or another app). Stop it, or run PORT=${port + 1} npm run dev.`);
  }

  let embedded: EmbeddedDatabase | null = null;
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const pid = runningPostmasterPid(PG_DATA_DIR);
    if (pid) {
      fail(`OpenBankSync is already running: its embedded database (.data/pg) is in use by process ${pid}. Stop the other copy first (Ctrl-C in its terminal).`);
    }
    const pgPort = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
    if (!(await isPortFree(pgPort, "127.0.0.1"))) {
      fail(`Port ${pgPort} for the embedded database is already in use. Free it, or run EMBEDDED_PG_PORT=${pgPort + 1} npm run dev.`);
    }
    console.log("Starting the embedded PostgreSQL (data in .data/pg)…");
    embedded = await startEmbeddedPostgres({ dataDir: PG_DATA_DIR, port: pgPort, persistent: true });
    await ensureDatabase(embedded.url("postgres"), DATABASE_NAME);
    databaseUrl = embedded.url(DATABASE_NAME);
  }
  process.env.DATABASE_URL = databaseUrl;

  await migrateDatabase(databaseUrl);
  if (embedded && (await seedDemo(getDb()))) {
    console.log(`Seeded the demo company. Sign in with ${DEMO_USERS.map((u) => u.email).join(" or ")}, password ${DEMO_PASSWORD} (local use only).`);
  }
  await closeDb();

  const inngest = await maybeStartInngestDev(port);
  const next = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "dev", "-p", String(port)], {
    stdio: "inherit",
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: process.env.AUTH_SECRET ?? localAuthSecret(DATA_ROOT),
      AUTH_TRUST_HOST: process.env.AUTH_TRUST_HOST ?? "true",
      ...(inngest ? { INNGEST_BASE_URL: inngest.url } : {}),
    },
  });

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (next.exitCode === null) next.kill("SIGTERM");
    if (inngest && inngest.child.exitCode === null) inngest.child.kill("SIGTERM");
    if (embedded) await embedded.stop().catch(() => {});
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  next.on("exit", (code) => void stop(code ?? 0));
}

main().catch((error: unknown) => {
  fail(error instanceof Error ? error.message : String(error));
});
