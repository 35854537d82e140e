/**
 * The sync window, reaching back to the oldest pending line still open on the account:
 * a pending line is often dated before the newest posted one, and only a read that
 * covers its date tells whether the bank still lists it, and brings its posted twin.
 */
import { and, eq, isNull, min } from "drizzle-orm";
import type { Db } from "@/db/client";
import { pendingTransactions } from "@/db/schema";
import { addDays } from "@/lib/dates";

export async function windowCoveringPending(
  db: Db,
  input: { bankAccountId: string; window: { from: string; to: string } | null; today: string; lockDate: string | null },
): Promise<{ from: string; to: string } | null> {
  const [oldest] = await db
    .select({ date: min(pendingTransactions.bookingDate) })
    .from(pendingTransactions)
    .where(and(eq(pendingTransactions.bankAccountId, input.bankAccountId), isNull(pendingTransactions.postedAt), isNull(pendingTransactions.droppedAt)));
  let from = oldest?.date ?? null;
  if (!from) return input.window;
  if (input.lockDate && from <= input.lockDate) from = addDays(input.lockDate, 1);
  if (!input.window) return from <= input.today ? { from, to: input.today } : null;
  return from < input.window.from ? { from, to: input.window.to } : input.window;
}
