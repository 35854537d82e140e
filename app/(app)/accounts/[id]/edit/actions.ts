"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db/client";
import { requireMembership } from "@/lib/auth/membership";
import { updateAccountDetails, type UpdateDetailsResult } from "@/lib/bank-accounts/update-details";

/** "Save" on the Edit account page: the service validates and scopes to the member's company. */
export async function updateAccountDetailsAction(input: unknown): Promise<UpdateDetailsResult> {
  const membership = await requireMembership();
  const result = await updateAccountDetails(db, membership.companyId, input);
  if (result.ok) revalidatePath("/", "layout");
  return result;
}
