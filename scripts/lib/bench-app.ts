/**
 * The built app (`next start`) for `npm run bench`: started on the benchmark's database,
 * with a session cookie minted for a user so that pages can be timed over real HTTP.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import { encode } from "next-auth/jwt";
import { freePort } from "./ports";

const require = createRequire(import.meta.url);
const SESSION_COOKIE = "authjs.session-token"; // Auth.js's name over plain http

export type BenchApp = { baseUrl: string; cookieFor(userId: string): Promise<string>; stop(): Promise<void> };

export async function startBenchApp(databaseUrl: string): Promise<BenchApp> {
  if (!fs.existsSync(".next/BUILD_ID")) throw new Error("No production build: run `npx next build` before `npm run bench`.");
  const port = await freePort();
  // The benchmark's own secret, so that what it encrypted and hashed reads the same in the app.
  const secret = process.env.AUTH_SECRET ?? crypto.randomBytes(32).toString("base64url");
  const child: ChildProcess = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "start", "-p", String(port)], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: secret,
      // The same key the benchmark encrypted its tokens with (derived from AUTH_SECRET there).
      TOKEN_ENCRYPTION_KEY: process.env.TOKEN_ENCRYPTION_KEY ?? secret,
      AUTH_TRUST_HOST: "true",
      SANDBOX_PROVIDER: "on",
      BACKGROUND_SYNC: "off",
      // Switches on the no-op route the webhook figures are compared with (bench-webhooks.ts).
      BENCH_ROUTES: "on",
      SANDBOX_BASE_URL: `http://localhost:${port}/sandbox`,
    },
  });
  const baseUrl = `http://localhost:${port}`;
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error("The app stopped while starting.");
    const ready = await fetch(`${baseUrl}/login`).then((r) => r.ok, () => false);
    if (ready) break;
    if (attempt > 600) throw new Error("The app did not start within a minute.");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    baseUrl,
    async cookieFor(userId) {
      const token = await encode({ token: { sub: userId, sid: crypto.randomUUID() }, secret, salt: SESSION_COOKIE });
      return `${SESSION_COOKIE}=${token}`;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Times `times` sequential GETs after a warm-up; refuses anything but 200. */
export async function timeGets(url: string, cookie: string, times: number): Promise<number[]> {
  const once = async () => {
    const started = process.hrtime.bigint();
    const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  // Twenty, not five: a page's first requests after the server starts run its code cold,
  // and were still among the slowest five.
  for (let i = 0; i < 20; i++) await once();
  const values: number[] = [];
  for (let i = 0; i < times; i++) values.push(await once());
  return values;
}
