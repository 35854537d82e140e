/**
 * Limits password guesses per account and per client address. Each attempt is counted
 * before its password is checked, in one statement that locks the counters' rows, so a
 * burst of parallel guesses cannot all read "not throttled yet": at most the limit of
 * them get a password check. Applied whether or not the account exists, so it tells an
 * attacker nothing about which accounts are real.
 */
import { inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { signInAttempts } from "@/db/schema";

export const WINDOW_MS = 15 * 60_000;
/** Password checks per account and window. */
export const ACCOUNT_LIMIT = 5;
/** Per address it is higher: colleagues behind one office address sign in too. */
export const ADDRESS_LIMIT = 20;

export type AttemptClaim = { allowed: true; keys: string[] } | { allowed: false; retryInSeconds: number };

function keysFor(email: string, address: string | null): { key: string; limit: number }[] {
  const keys = [{ key: `account:${email}`, limit: ACCOUNT_LIMIT }];
  if (address) keys.push({ key: `address:${address}`, limit: ADDRESS_LIMIT });
  return keys;
}

/** Counts one attempt for the account and the address, and says whether its password may be checked. */
export async function claimSignInAttempt(db: Db, input: { email: string; address: string | null }, now = new Date()): Promise<AttemptClaim> {
  const keys = keysFor(input.email, input.address);
  const expired = sql`${signInAttempts.windowStartedAt} <= ${new Date(now.getTime() - WINDOW_MS).toISOString()}::timestamptz`;
  const rows = await db
    .insert(signInAttempts)
    .values(keys.map(({ key }) => ({ key, attempts: 1, windowStartedAt: now })))
    .onConflictDoUpdate({
      target: signInAttempts.key,
      // Both expressions read the row as it was: a window that ended starts again at 1.
      set: {
        attempts: sql`case when ${expired} then 1 else ${signInAttempts.attempts} + 1 end`,
        windowStartedAt: sql`case when ${expired} then excluded.window_started_at else ${signInAttempts.windowStartedAt} end`,
      },
    })
    .returning();
  let waitUntil = 0;
  for (const { key, limit } of keys) {
    const row = rows.find((candidate) => candidate.key === key);
    if (row && row.attempts > limit) waitUntil = Math.max(waitUntil, row.windowStartedAt.getTime() + WINDOW_MS);
  }
  if (waitUntil === 0) return { allowed: true, keys: keys.map(({ key }) => key) };
  return { allowed: false, retryInSeconds: Math.max(1, Math.ceil((waitUntil - now.getTime()) / 1000)) };
}

/**
 * A right password takes back its own attempt and nothing more: the failures counted
 * around it (a burst of guesses running alongside) keep the account throttled.
 */
export async function returnSignInAttempt(db: Db, keys: string[]): Promise<void> {
  await db
    .update(signInAttempts)
    .set({ attempts: sql`greatest(${signInAttempts.attempts} - 1, 0)` })
    .where(inArray(signInAttempts.key, keys));
}
