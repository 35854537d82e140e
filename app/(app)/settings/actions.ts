"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { db } from "@/db/client";
import { requireMembership } from "@/lib/auth/membership";
import { setLockDate } from "@/lib/companies/lock-date";
import { renderFieldRefusals } from "@/lib/i18n/refusal";
import { renderStoredMessage } from "@/lib/i18n/stored-message";

export type LockDateFormState =
  | { ok: true; lockDate: string | null }
  | { ok: false; error: string; fieldErrors: { lockDate?: string[] } }
  | null;

/** Settings → Lock dates → Save. The service refuses non-admins, whatever the page showed. */
export async function saveLockDate(_previous: LockDateFormState, formData: FormData): Promise<LockDateFormState> {
  const membership = await requireMembership();
  const result = await setLockDate(db, membership, { lockDate: formData.get("lockDate") ?? "" });
  if (result.ok) {
    revalidatePath("/settings");
    return result;
  }
  const locale = await getLocale();
  return { ok: false, error: renderStoredMessage(result.error, locale), fieldErrors: renderFieldRefusals(result.fieldErrors, locale) };
}
