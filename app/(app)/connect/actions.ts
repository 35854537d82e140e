"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/db/client";
import { requireMembership } from "@/lib/auth/membership";
import { confirmAccountSelection, startConnect } from "@/lib/connections/connect";
import { requestOrigin } from "@/lib/http/origin";

export type ConnectState = { error: string | null };

const startSchema = z.object({
  institutionId: z.string().uuid("Choose a bank from the search results."),
  accountType: z.string().max(40).optional().transform((v) => v || null),
  consent: z.literal("on", { message: "Tick the consent box to let us retrieve this bank's data." }),
});

export async function startConnectAction(_previous: ConnectState, formData: FormData): Promise<ConnectState> {
  const membership = await requireMembership();
  const parsed = startSchema.safeParse({
    institutionId: formData.get("institutionId"),
    accountType: formData.get("accountType") ?? undefined,
    consent: formData.get("consent") ?? undefined,
  });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Check the form." };
  const result = await startConnect({ db }, { companyId: membership.companyId, userId: membership.userId }, {
    institutionId: parsed.data.institutionId, accountType: parsed.data.accountType, consent: true,
    callbackUrl: `${await requestOrigin()}/connect/callback`,
  });
  if (!result.ok) return { error: result.error };
  redirect(result.redirectUrl);
}

const selectionSchema = z.object({
  connectionId: z.string().uuid(),
  selections: z.array(z.object({ providerAccountId: z.string().min(1).max(200), mapToBankAccountId: z.string().uuid().nullable() })).max(100),
});

export type SelectState = { error: string | null };

export async function confirmAccountsAction(_previous: SelectState, formData: FormData): Promise<SelectState> {
  const membership = await requireMembership();
  const ids = formData.getAll("account").map(String);
  const parsed = selectionSchema.safeParse({
    connectionId: formData.get("connectionId"),
    selections: ids.map((id) => ({ providerAccountId: id, mapToBankAccountId: String(formData.get(`map:${id}`) ?? "") || null })),
  });
  if (!parsed.success) return { error: "The selection could not be read. Reload the page and try again." };
  const result = await confirmAccountSelection({ db }, { companyId: membership.companyId, userId: membership.userId }, parsed.data);
  if (!result.ok) return { error: result.error };
  redirect(result.outcome.runId ? `/?run=${result.outcome.runId}` : "/");
}
