/**
 * "Pending twin" groups: a posted line that a pending line was linked to, with the other
 * lines of the account that have its amount and currency within five days. The bank may
 * have sent the posted line under a new id while the same payment also arrived another way
 * (a file import, a second posting), so the two are worth a look.
 *
 * A separate query from the fingerprint search, which stays one index range: the pending
 * lines of one account are few, and each posted line's neighbours are one short range of
 * transactions_fingerprint_idx.
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { DuplicateGroup } from "./find";
import { loadDuplicateLines } from "./lines";

/** How far apart (in days) a pending twin's booking date may be from the posted line's. */
export const PENDING_TWIN_DAYS = 5;

export async function findPendingTwinGroups(db: Db, input: { bankAccountId: string; startingDate: string; limit: number }): Promise<DuplicateGroup[]> {
  const pairs = await db.execute<{ posted_id: string; other_id: string }>(pendingTwinQuery(input));
  if (pairs.length === 0) return [];
  const lines = await loadDuplicateLines(db, pairs.flatMap((pair) => [Number(pair.posted_id), Number(pair.other_id)]));
  const groups = new Map<number, DuplicateGroup>();
  for (const pair of pairs) {
    const posted = lines.get(Number(pair.posted_id));
    const other = lines.get(Number(pair.other_id));
    if (!posted || !other) continue;
    const group = groups.get(posted.id) ?? {
      key: `pending_twin:${posted.id}`, reason: "pending_twin" as const, bookingDate: posted.bookingDate,
      amount: posted.amount, currency: posted.currency, lines: [posted],
    };
    group.lines.push(other);
    groups.set(posted.id, group);
  }
  return [...groups.values()];
}

/** The (posted line, twin) pairs, newest posted lines first. Exported for the plan test. */
export function pendingTwinQuery(input: { bankAccountId: string; startingDate: string; limit: number }) {
  return sql`
    select p.id as posted_id, o.id as other_id
    from pending_transactions pt
    join transactions p on p.id = pt.posted_transaction_id
    join transactions o on o.bank_account_id = p.bank_account_id
      and o.booking_date between p.booking_date - ${PENDING_TWIN_DAYS}::int and p.booking_date + ${PENDING_TWIN_DAYS}::int
      and o.amount = p.amount and o.currency = p.currency and o.id <> p.id
    where pt.bank_account_id = ${input.bankAccountId}::uuid and pt.posted_transaction_id is not null
      and p.bank_account_id = ${input.bankAccountId}::uuid and p.booking_date >= ${input.startingDate}::date
    order by p.booking_date desc, p.id, o.booking_date, o.id
    limit ${input.limit}
  `;
}
