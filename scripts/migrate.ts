/** `npm run db:migrate`: applies the committed migrations to DATABASE_URL. */
import { databaseUrl } from "../db/client";
import { migrateDatabase } from "../db/migrate";

async function main() {
  await migrateDatabase(databaseUrl());
  console.log("Migrations applied.");
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
