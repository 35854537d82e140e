"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { db } from "@/db/client";
import { requireMembership } from "@/lib/auth/membership";
import { createApiKey, revokeApiKey } from "@/lib/api/keys";
import { renderFieldRefusals } from "@/lib/i18n/refusal";
import { renderStoredMessage } from "@/lib/i18n/stored-message";

type KeyField = "name" | "scope";

export type CreateApiKeyState =
  | { ok: true; key: string; id: string }
  | { ok: false; error: string; fieldErrors?: Partial<Record<KeyField, string[]>> }
  | null;

/** Settings → API keys → Create: the key comes back once, for the admin to copy. */
export async function createApiKeyAction(_previous: CreateApiKeyState, formData: FormData): Promise<CreateApiKeyState> {
  const membership = await requireMembership();
  const result = await createApiKey(db, membership, { name: formData.get("name") ?? "", scope: formData.get("scope") ?? "" });
  if (result.ok) {
    revalidatePath("/settings");
    return result;
  }
  const locale = await getLocale();
  return { ok: false, error: renderStoredMessage(result.error, locale), fieldErrors: renderFieldRefusals(result.fieldErrors ?? {}, locale) };
}

export type RevokeApiKeyState = { ok: boolean; error: string | null } | null;

export async function revokeApiKeyAction(_previous: RevokeApiKeyState, formData: FormData): Promise<RevokeApiKeyState> {
  const membership = await requireMembership();
  const result = await revokeApiKey(db, membership, formData.get("keyId"));
  if (!result.ok) return { ok: false, error: renderStoredMessage(result.error, await getLocale()) };
  revalidatePath("/settings");
  return { ok: true, error: null };
}
