"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { db } from "@/db/client";
import { requireMembership } from "@/lib/auth/membership";
import { createManualAccount } from "@/lib/bank-accounts/create-manual";
import type { ManualAccountFieldErrors } from "@/lib/bank-accounts/manual-account-schema";

export type AddBankResult = { ok: true } | { ok: false; error: string; fieldErrors: ManualAccountFieldErrors };

/** Creates the manual account in the signed-in user's company, then shows it on the dashboard, which says it was added. */
export async function addManualBankAccount(input: unknown): Promise<AddBankResult> {
  const membership = await requireMembership();
  const result = await createManualAccount(db, membership.companyId, input);
  if (!result.ok) return result;
  revalidatePath("/");
  redirect(`/?added=${result.bankAccountId}`);
}
