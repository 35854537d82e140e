/**
 * The one database handle of the app. It connects on first use, so modules that import
 * it can be loaded (by `next build`, by tests) before DATABASE_URL is known.
 */
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

/** With the driver's own client (`$client`), for the few statements that need it as it is. */
export type Db = PostgresJsDatabase<typeof schema> & { $client: postgres.Sql };
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

type Handle = { url: string; sql: postgres.Sql; db: Db };

// Survives Next's hot reload in development, so edits do not leak connection pools.
const globalForDb = globalThis as unknown as { openBankSyncDb?: Handle };

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set. Start the app with `npm run dev` (it starts the embedded PostgreSQL) or set DATABASE_URL.",
    );
  }
  return url;
}

export function getDb(): Db {
  const url = databaseUrl();
  const current = globalForDb.openBankSyncDb;
  if (current && current.url === url) return current.db;
  if (current) void current.sql.end({ timeout: 5 });
  const sql = postgres(url, { max: Number(process.env.DATABASE_POOL_SIZE ?? 10), onnotice: () => {} });
  const handle: Handle = { url, sql, db: drizzle(sql, { schema }) };
  globalForDb.openBankSyncDb = handle;
  return handle.db;
}

/** Closes the pool (scripts and tests call this before exiting). */
export async function closeDb(): Promise<void> {
  const current = globalForDb.openBankSyncDb;
  globalForDb.openBankSyncDb = undefined;
  if (current) await current.sql.end({ timeout: 5 });
}

export const db: Db = new Proxy({} as Db, {
  get(_target, property) {
    const real = getDb();
    const value: unknown = Reflect.get(real, property, real);
    // The driver's own client (a function with methods of its own) is handed over as it is.
    return typeof value === "function" && property !== "$client" ? value.bind(real) : value;
  },
});
