/**
 * Slows down repeated failed sign-ins per email address. Applied whether or not the
 * address exists, so it tells an attacker nothing about which accounts are real.
 */
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { loginFailures } from "@/db/schema";

const FREE_FAILURES = 5;
const BASE_COOL_DOWN_MS = 30_000;
const MAX_COOL_DOWN_MS = 15 * 60_000;

export function coolDownMs(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(BASE_COOL_DOWN_MS * 2 ** (failures - FREE_FAILURES), MAX_COOL_DOWN_MS);
}

/** Seconds the address must still wait before another attempt, 0 when it may try now. */
export async function secondsUntilNextAttempt(db: Db, email: string, now = new Date()): Promise<number> {
  const [row] = await db.select().from(loginFailures).where(eq(loginFailures.email, email));
  if (!row) return 0;
  const waitUntil = row.lastFailureAt.getTime() + coolDownMs(row.failures);
  return Math.max(0, Math.ceil((waitUntil - now.getTime()) / 1000));
}

export async function recordFailedLogin(db: Db, email: string, now = new Date()): Promise<void> {
  await db
    .insert(loginFailures)
    .values({ email, failures: 1, lastFailureAt: now })
    .onConflictDoUpdate({
      target: loginFailures.email,
      set: { failures: sql`${loginFailures.failures} + 1`, lastFailureAt: now },
    });
}

export async function clearFailedLogins(db: Db, email: string): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.email, email));
}
