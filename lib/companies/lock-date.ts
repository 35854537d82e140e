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

/** An empty field clears the lock date. */
export const lockDateSchema = z.object({
  lockDate: z
    .string()
    .trim()
    .refine((value) => value === "" || isIsoDate(value), { error: "Enter a date as YYYY-MM-DD, in the years 1900 to 2999." })
    .transform((value) => value || null),
});

export type LockDateResult =
  | { ok: true; lockDate: string | null }
  | { ok: false; error: string; fieldErrors: { lockDate?: string[] } };

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
    return { ok: false, error: "Only an administrator can change the lock date.", fieldErrors: {} };
  }
  const parsed = lockDateSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, error: "The lock date was not saved.", fieldErrors: z.flattenError(parsed.error).fieldErrors };
  }
  const { lockDate } = parsed.data;
  if (lockDate && lockDate > today) {
    return {
      ok: false,
      error: "The lock date was not saved.",
      fieldErrors: { lockDate: [`The lock date cannot be in the future: pick ${today} or an earlier day.`] },
    };
  }
  await db.update(companies).set({ lockDate }).where(eq(companies.id, membership.companyId));
  return { ok: true, lockDate };
}
