"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { db } from "@/db/client";
import { requireMembership } from "@/lib/auth/membership";
import { createManualAccount } from "@/lib/bank-accounts/create-manual";
import type { ManualAccountError, ManualAccountFieldErrors } from "@/lib/bank-accounts/manual-account-schema";

/** Errors are catalogue keys (manualAccount.errors); the form shows them in the reader's language. */
export type AddBankResult = { ok: true } | { ok: false; error: ManualAccountError; fieldErrors: ManualAccountFieldErrors };

/** Creates the manual account in the signed-in user's company, then shows it on the dashboard. */
export async function addManualBankAccount(input: unknown): Promise<AddBankResult> {
  const membership = await requireMembership();
  const result = await createManualAccount(db, membership.companyId, input);
  if (!result.ok) return result;
  revalidatePath("/");
  redirect("/");
}
