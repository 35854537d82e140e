"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/db/client";
import { requireMembership } from "@/lib/auth/membership";
import { fetchTransactionsForAccount } from "@/lib/sync/fetch-account";

const fetchSchema = z.object({
  bankAccountId: z.string().uuid(),
  code: z.string().trim().regex(/^\d{4,8}$/, "Enter the code the bank sent (digits only).").optional(),
});

export type FetchState = {
  status: "idle" | "succeeded" | "rate_limited" | "waiting_mfa" | "failed";
  message: string | null;
  errorReference?: string;
  mfaPrompt?: string;
  codeRejected?: boolean;
};

/** "Fetch Transactions" on a dashboard card, and the security code that resumes it. */
export async function fetchTransactionsAction(_previous: FetchState, formData: FormData): Promise<FetchState> {
  const membership = await requireMembership();
  const parsed = fetchSchema.safeParse({ bankAccountId: formData.get("bankAccountId"), code: formData.get("code") ?? undefined });
  if (!parsed.success) return { status: "failed", message: parsed.error.issues[0]?.message ?? "Invalid request." };
  const outcome = await fetchTransactionsForAccount({ db }, { companyId: membership.companyId, userId: membership.userId }, {
    bankAccountId: parsed.data.bankAccountId, mfaCode: parsed.data.code,
  });
  revalidatePath("/");
  return { status: outcome.status, message: outcome.message, errorReference: outcome.errorReference, mfaPrompt: outcome.mfa?.prompt, codeRejected: outcome.mfa?.codeRejected };
}
