"use server";

import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { db } from "@/db/client";
import { requireMembership } from "@/lib/auth/membership";
import { confirmAccountSelection, startConnect } from "@/lib/connections/connect";
import { startConnectAgain } from "@/lib/connections/connect-again";
import { requestOrigin } from "@/lib/http/origin";
import type { Messages } from "@/lib/i18n/catalogue";
import { renderStoredMessage } from "@/lib/i18n/stored-message";

export type ConnectState = { error: string | null };

type ErrorKey = keyof Messages["connect"]["errors"];

// Messages are keys of the catalogue's connect.errors, said in the reader's language by the action.
const startSchema = z.object({
  institutionId: z.string().uuid("chooseBank" satisfies ErrorKey),
  accountType: z.string().max(40, "checkForm" satisfies ErrorKey).optional().transform((v) => v || null),
  consent: z.literal("on", { message: "consentRequired" satisfies ErrorKey }),
});

export async function startConnectAction(_previous: ConnectState, formData: FormData): Promise<ConnectState> {
  const membership = await requireMembership();
  const parsed = startSchema.safeParse({
    institutionId: formData.get("institutionId"),
    accountType: formData.get("accountType") ?? undefined,
    consent: formData.get("consent") ?? undefined,
  });
  const t = await getTranslations("connect.errors");
  if (!parsed.success) return { error: t((parsed.error.issues[0]?.message ?? "checkForm") as ErrorKey) };
  const result = await startConnect({ db }, { companyId: membership.companyId, userId: membership.userId }, {
    institutionId: parsed.data.institutionId, accountType: parsed.data.accountType, consent: true,
    callbackUrl: `${await requestOrigin()}/connect/callback`,
  });
  if (!result.ok) return { error: renderStoredMessage(result.error, await getLocale()) };
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
  if (!parsed.success) return { error: (await getTranslations("connect.errors"))("selectionUnreadable") };
  const result = await confirmAccountSelection({ db }, { companyId: membership.companyId, userId: membership.userId }, parsed.data);
  if (!result.ok) return { error: renderStoredMessage(result.error, await getLocale()) };
  redirect(result.outcome.runId ? `/?run=${result.outcome.runId}` : "/");
}

const connectAgainSchema = z.object({ connectionId: z.uuid() });

/** "Connect again" on a refused or abandoned attempt: a new consent at the same institution. */
export async function connectAgainAction(_previous: ConnectState, formData: FormData): Promise<ConnectState> {
  const membership = await requireMembership();
  const parsed = connectAgainSchema.safeParse({ connectionId: formData.get("connectionId") });
  if (!parsed.success) return { error: (await getTranslations("actions"))("invalidRequest") };
  const result = await startConnectAgain({ db }, { companyId: membership.companyId, userId: membership.userId }, {
    connectionId: parsed.data.connectionId, callbackUrl: `${await requestOrigin()}/connect/callback`,
  });
  if (!result.ok) return { error: renderStoredMessage(result.error, await getLocale()) };
  redirect(result.redirectUrl);
}
