/**
 * How far back a bank's history goes: what its provider promises (`max_history_days`,
 * rewritten by every directory load), or less once the bank refused more when a sync asked
 * (`accepted_history_days`, learned by lib/sync/bank-history.ts and kept across loads).
 */
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { institutions } from "@/db/schema";

/** The institution's history in days, as a column to select. */
export const bankHistoryDays = sql<number>`least(${institutions.maxHistoryDays}, coalesce(${institutions.acceptedHistoryDays}, ${institutions.maxHistoryDays}))`;

/** Remembers the history the bank accepted; never lengthens what an earlier refusal taught. */
export async function rememberAcceptedHistory(db: Db, institutionId: string, days: number): Promise<void> {
  await db
    .update(institutions)
    .set({ acceptedHistoryDays: sql`least(coalesce(${institutions.acceptedHistoryDays}, ${days}), ${days})` })
    .where(eq(institutions.id, institutionId));
}
