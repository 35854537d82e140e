"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { db } from "@/db/client";
import { developerAccessForAction } from "@/lib/auth/developer-access";
import { setAutoSync } from "@/lib/connections/auto-sync";
import { deleteConnection } from "@/lib/connections/delete";
import { startReconsentWithSupport } from "@/lib/connections/reconsent-for-support";
import { requestOrigin } from "@/lib/http/origin";
import { renderStoredMessage } from "@/lib/i18n/stored-message";

const BASE = "/settings/online-synchronization";

export type ConnectionActionState = { error: string | null; notice?: string | null; errorReference?: string; clientId?: string };

const autoSyncSchema = z.object({ connectionId: z.uuid(), on: z.enum(["true", "false"]) });

export async function setAutoSyncAction(_previous: ConnectionActionState, formData: FormData): Promise<ConnectionActionState> {
  const membership = await developerAccessForAction();
  if (!membership) return { error: (await getTranslations("connectionActions"))("developerAccessRefused") };
  const parsed = autoSyncSchema.safeParse({ connectionId: formData.get("connectionId"), on: formData.get("on") });
  const t = await getTranslations("connectionActions");
  if (!parsed.success) return { error: (await getTranslations("actions"))("invalidRequest") };
  const result = await setAutoSync(db, { companyId: membership.companyId, userId: membership.userId }, { connectionId: parsed.data.connectionId, on: parsed.data.on === "true" });
  if (!result.ok) return { error: renderStoredMessage(result.error, await getLocale()) };
  revalidatePath(BASE, "layout");
  return { error: null, notice: parsed.data.on === "true" ? t("autoSyncOn") : t("autoSyncOff") };
}

const connectionSchema = z.object({ connectionId: z.uuid() });

export async function deleteConnectionAction(_previous: ConnectionActionState, formData: FormData): Promise<ConnectionActionState> {
  const membership = await developerAccessForAction();
  if (!membership) return { error: (await getTranslations("connectionActions"))("developerAccessRefused") };
  const parsed = connectionSchema.safeParse({ connectionId: formData.get("connectionId") });
  if (!parsed.success) return { error: (await getTranslations("actions"))("invalidRequest") };
  const outcome = await deleteConnection({ db }, { companyId: membership.companyId, userId: membership.userId }, parsed.data.connectionId);
  if (outcome.status === "not_found") return { error: (await getTranslations("connectionActions"))("connectionNotFound") };
  if (outcome.status === "failed") return { error: renderStoredMessage(outcome.message, await getLocale()), errorReference: outcome.errorReference, clientId: outcome.clientId };
  revalidatePath("/");
  revalidatePath(BASE, "layout");
  if (outcome.status === "record_remains") return { error: null, notice: renderStoredMessage(outcome.message, await getLocale()) };
  redirect(`${BASE}?deleted=${outcome.accountsKept}`);
}

const reconsentSchema = z.object({ connectionId: z.uuid(), reason: z.enum(["update_credentials", "reconnect"]) });

/** "Update Credentials" and "Reconnect": the provider's flow, then account selection with the synchronized accounts ticked. */
export async function reconsentFromDeveloperPageAction(_previous: ConnectionActionState, formData: FormData): Promise<ConnectionActionState> {
  const membership = await developerAccessForAction();
  if (!membership) return { error: (await getTranslations("connectionActions"))("developerAccessRefused") };
  const parsed = reconsentSchema.safeParse({ connectionId: formData.get("connectionId"), reason: formData.get("reason") });
  if (!parsed.success) return { error: (await getTranslations("actions"))("invalidRequest") };
  const result = await startReconsentWithSupport({ db }, { companyId: membership.companyId, userId: membership.userId }, {
    connectionId: parsed.data.connectionId, callbackUrl: `${await requestOrigin()}/connect/callback`, reason: parsed.data.reason,
  });
  if (!result.ok) return { error: renderStoredMessage(result.error, await getLocale()), errorReference: result.errorReference, clientId: result.clientId };
  redirect(result.redirectUrl);
}
