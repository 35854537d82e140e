"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db/client";
import { requireMembership } from "@/lib/auth/membership";
import { createApiKey, revokeApiKey, type CreateApiKeyResult } from "@/lib/api/keys";

export type CreateApiKeyState = CreateApiKeyResult | null;

/** Settings → API keys → Create: the key comes back once, for the admin to copy. */
export async function createApiKeyAction(_previous: CreateApiKeyState, formData: FormData): Promise<CreateApiKeyState> {
  const membership = await requireMembership();
  const result = await createApiKey(db, membership, { name: formData.get("name") ?? "", scope: formData.get("scope") ?? "" });
  if (result.ok) revalidatePath("/settings");
  return result;
}

export type RevokeApiKeyState = { ok: boolean; error: string | null } | null;

export async function revokeApiKeyAction(_previous: RevokeApiKeyState, formData: FormData): Promise<RevokeApiKeyState> {
  const membership = await requireMembership();
  const result = await revokeApiKey(db, membership, formData.get("keyId"));
  if (!result.ok) return { ok: false, error: result.error };
  revalidatePath("/settings");
  return { ok: true, error: null };
}
