/**
 * Starts the production build (`next start`, NODE_ENV=production) with exactly the
 * settings a spec gives it and nothing from the e2e servers' opt-ins, to see what a real
 * deployment would do. Its database is a fresh one on the e2e server's PostgreSQL.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import { createRequire } from "node:module";
import postgres from "postgres";
import { migrateDatabase } from "../../db/migrate";
import { ensureDatabase } from "../../scripts/lib/database";
import { freePort } from "../../scripts/lib/ports";
import { e2eDatabaseUrl } from "./database";

const require = createRequire(import.meta.url);
const MAIN_PORT = Number(process.env.E2E_PORT ?? 3100);

export type Settings = Record<string, string>;

export function randomSecret(): string {
  return crypto.randomBytes(32).toString("base64url");
}

/** A migrated database of its own, so what the spec does there (a burst of sign-ins) touches no other spec. */
export async function freshDatabase(name: string): Promise<string> {
  const server = new URL(e2eDatabaseUrl(MAIN_PORT));
  server.pathname = "/postgres";
  await ensureDatabase(server.href, name);
  const url = new URL(server);
  url.pathname = `/${name}`;
  await migrateDatabase(url.href);
  return url.href;
}

export async function withDatabase<T>(url: string, work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await work(sql);
  } finally {
    await sql.end();
  }
}

function startNext(port: number, settings: Settings): ChildProcess {
  return spawn(process.execPath, [require.resolve("next/dist/bin/next"), "start", "-p", String(port)], {
    stdio: ["ignore", "pipe", "pipe"],
    // Only what a shell needs, then the spec's settings: nothing leaks in from the test runner.
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "production", ...settings },
  });
}

/** Runs a production start that should refuse: its exit code and what it wrote. */
export async function refusedStart(settings: Settings): Promise<{ code: number | null; output: string }> {
  const child = startNext(await freePort(), settings);
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGTERM"), 60_000);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearTimeout(timer);
  return { code, output };
}

export type RunningServer = { baseUrl: string; stop(): Promise<void> };

export async function startProductionServer(settings: (baseUrl: string) => Settings): Promise<RunningServer> {
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const child = startNext(port, settings(baseUrl));
  let output = "";
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`The production server stopped while starting:\n${output}`);
    if (await fetch(`${baseUrl}/login`).then((response) => response.ok, () => false)) break;
    if (attempt > 600) throw new Error("The production server did not start within a minute.");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    baseUrl,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
