/**
 * Pairs a user marked "Not a duplicate" are never listed together again. The searches
 * find their groups as before; the dismissed pairs among the few lines found are read
 * afterwards by primary key, and a line stays in a group only while it has a twin there
 * that it was not dismissed with (a new third line makes a new pair, so it shows again).
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { DuplicateGroup } from "./find";

/** The pair's key, smaller id first, as not_duplicate_pairs stores it. */
export function pairKey(a: number, b: number): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}

export async function dismissedPairsAmong(db: Db, ids: readonly number[]): Promise<Set<string>> {
  if (ids.length < 2) return new Set();
  const list = `{${[...new Set(ids)].join(",")}}`;
  const rows = await db.execute<{ low: string; high: string }>(sql`
    select low_transaction_id as low, high_transaction_id as high from not_duplicate_pairs
    where low_transaction_id = any(${list}::bigint[]) and high_transaction_id = any(${list}::bigint[])
  `);
  return new Set(rows.map((row) => pairKey(Number(row.low), Number(row.high))));
}

/** The groups without their dismissed pairs; a group left with one line, or none of this account, goes. */
export async function withoutDismissedPairs(db: Db, groups: DuplicateGroup[], bankAccountId: string): Promise<DuplicateGroup[]> {
  const dismissed = await dismissedPairsAmong(db, groups.flatMap((group) => group.lines.map((line) => line.id)));
  if (dismissed.size === 0) return groups;
  return groups
    .map((group) => ({
      ...group,
      // Twin-ness is symmetric, so one pass suffices: a kept line's twin is kept too.
      lines: group.lines.filter((line) => group.lines.some((other) => other.id !== line.id && !dismissed.has(pairKey(line.id, other.id)))),
    }))
    .filter((group) => group.lines.length > 1 && group.lines.some((line) => line.bankAccountId === bankAccountId));
}
