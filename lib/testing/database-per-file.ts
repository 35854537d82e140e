/**
 * Vitest setup file: gives each test file its own database cloned from the migrated
 * template, and empties it before each test so tests never see each other's rows.
 */
import crypto from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, beforeEach, inject } from "vitest";
import { closeDb } from "@/db/client";

const TEMPLATE_DATABASE = "openbanksync_template";
const serverUrl = inject("postgresServerUrl");
const databaseName = `test_${crypto.randomBytes(6).toString("hex")}`;
const databaseUrl = serverUrl.replace(/\/postgres$/, `/${databaseName}`);
process.env.DATABASE_URL = databaseUrl;
process.env.AUTH_SECRET ??= "test-secret-for-token-encryption";

let admin: postgres.Sql;
let tables: string[] = [];

beforeAll(async () => {
  admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${databaseName}" template "${TEMPLATE_DATABASE}"`);
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const rows = await sql<{ tablename: string }[]>`select tablename from pg_tables where schemaname = 'public'`;
  tables = rows.map((row) => row.tablename);
  await sql.end();
});

beforeEach(async () => {
  if (tables.length === 0) return;
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await sql.unsafe(`truncate ${tables.map((t) => `"${t}"`).join(", ")} restart identity cascade`);
  await sql.end();
});

afterAll(async () => {
  await closeDb();
  await admin.unsafe(`drop database if exists "${databaseName}" with (force)`);
  await admin.end();
});
