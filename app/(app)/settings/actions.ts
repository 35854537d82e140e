"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db/client";
import { requireMembership } from "@/lib/auth/membership";
import { setLockDate, type LockDateResult } from "@/lib/companies/lock-date";

export type LockDateFormState = LockDateResult | null;

/** Settings → Lock dates → Save. The service refuses non-admins, whatever the page showed. */
export async function saveLockDate(_previous: LockDateFormState, formData: FormData): Promise<LockDateFormState> {
  const membership = await requireMembership();
  const result = await setLockDate(db, membership, { lockDate: formData.get("lockDate") ?? "" });
  if (result.ok) revalidatePath("/settings");
  return result;
}
