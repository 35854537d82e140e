/** `npm run db:seed`: adds the demo company and users to DATABASE_URL (local use only). */
import { closeDb, getDb } from "../db/client";
import { seedDemo } from "../db/seed";

async function main() {
  const created = await seedDemo(getDb());
  console.log(created ? "Demo company and users created." : "Demo users already exist; nothing changed.");
  await closeDb();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
