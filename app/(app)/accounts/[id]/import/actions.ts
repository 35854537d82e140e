"use server";

import { revalidatePath } from "next/cache";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { db } from "@/db/client";
import { requireMembership } from "@/lib/auth/membership";
import { renderStoredMessage } from "@/lib/i18n/stored-message";
import { commitImport, discardImport } from "@/lib/import/commit";

const importSchema = z.object({ bankAccountId: z.uuid(), importId: z.uuid() });

export type ImportActionResult = { ok: true; message: string } | { ok: false; error: string };

/** "Import": commits the previewed file in one database transaction. */
export async function commitImportAction(input: { bankAccountId: string; importId: string }): Promise<ImportActionResult> {
  const membership = await requireMembership();
  const parsed = importSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: (await getTranslations("importFile"))("noSuchImport") };
  const result = await commitImport(db, membership, parsed.data.importId);
  if (!result.ok) return { ok: false, error: renderStoredMessage(result.error, await getLocale()) };
  revalidatePath(`/accounts/${parsed.data.bankAccountId}`, "layout");
  revalidatePath("/");
  return { ok: true, message: (await getTranslations("importFile"))("imported", { count: result.inserted }) };
}

/** "Cancel": the staged lines are dropped and nothing is imported. */
export async function discardImportAction(input: { bankAccountId: string; importId: string }): Promise<ImportActionResult> {
  const membership = await requireMembership();
  const parsed = importSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: (await getTranslations("importFile"))("noSuchImport") };
  const result = await discardImport(db, membership, parsed.data.importId);
  if (!result.ok) return { ok: false, error: renderStoredMessage(result.error, await getLocale()) };
  return { ok: true, message: (await getTranslations("importFile"))("cancelled") };
}
