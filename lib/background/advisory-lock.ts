/**
 * Runs work while holding a PostgreSQL advisory lock, so that only one app process at a
 * time synchronizes a given connection or runs the fan-out. The lock lives in a
 * transaction that is held open for the duration and is released when it ends, even if
 * the process dies.
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

export async function withAdvisoryLock<T>(db: Db, key: string, work: () => Promise<T>): Promise<{ acquired: true; value: T } | { acquired: false }> {
  return db.transaction(async (tx) => {
    const [row] = await tx.execute<{ locked: boolean }>(sql`select pg_try_advisory_xact_lock(hashtextextended(${key}, 0)) as locked`);
    if (!row?.locked) return { acquired: false as const };
    return { acquired: true as const, value: await work() };
  });
}
