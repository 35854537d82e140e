/**
 * The company's "Lock Everything" date: nothing on or before it is imported or changed.
 * Only administrators set or clear it, and it cannot lie in the future.
 */
import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { companies } from "@/db/schema";
import type { Membership } from "@/lib/auth/load-membership";
import { isIsoDate, toIsoDate } from "@/lib/dates";
import { fieldRefusals } from "@/lib/i18n/refusal";
import { storedMessage, type StoredMessage, type StoredMessageKey } from "@/lib/i18n/stored-message";

/** An empty field clears the lock date. */
export const lockDateSchema = z.object({
  lockDate: z
    .string()
    .trim()
    .refine((value) => value === "" || isIsoDate(value), { error: "refusals.lockDateInvalid" satisfies StoredMessageKey })
    .transform((value) => value || null),
});

export type LockDateResult =
  | { ok: true; lockDate: string | null }
  | { ok: false; error: StoredMessage; fieldErrors: { lockDate?: StoredMessage[] } };

export async function getLockDate(db: Db, companyId: string): Promise<string | null> {
  const [row] = await db.select({ lockDate: companies.lockDate }).from(companies).where(eq(companies.id, companyId));
  return row?.lockDate ?? null;
}

/** Sets (or, with an empty date, clears) the lock date of the member's company. `today` is a UTC date. */
export async function setLockDate(
  db: Db,
  membership: Pick<Membership, "companyId" | "role">,
  input: unknown,
  today: string = toIsoDate(new Date()),
): Promise<LockDateResult> {
  if (membership.role !== "admin") {
    return { ok: false, error: storedMessage("refusals.lockDateAdminOnly"), fieldErrors: {} };
  }
  const parsed = lockDateSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, error: storedMessage("refusals.lockDateNotSaved"), fieldErrors: fieldRefusals(parsed.error) };
  }
  const { lockDate } = parsed.data;
  if (lockDate && lockDate > today) {
    return {
      ok: false,
      error: storedMessage("refusals.lockDateNotSaved"),
      fieldErrors: { lockDate: [storedMessage("refusals.lockDateInFuture", { todayDate: today })] },
    };
  }
  await db.update(companies).set({ lockDate }).where(eq(companies.id, membership.companyId));
  return { ok: true, lockDate };
}
