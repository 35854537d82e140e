"use server";

import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { db } from "@/db/client";
import { requireMembership } from "@/lib/auth/membership";
import { renderStoredMessage } from "@/lib/i18n/stored-message";
import { completeConnect } from "@/lib/connections/connect";
import type { Messages } from "@/lib/i18n/catalogue";

export type SetupTokenState = { error: string | null };

type ErrorKey = keyof Messages["simplefin"]["errors"];

// Messages are keys of the catalogue's simplefin.errors, said in the reader's language by the action.
const schema = z.object({
  state: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, "invalidState" satisfies ErrorKey),
  // Base64 (standard or URL-safe), with the line breaks a copy may add. Checked here so a
  // mistyped paste does not use up the single-use state of the connection.
  setupToken: z
    .string()
    .transform((value) => value.replace(/\s+/g, ""))
    .pipe(z.string().min(1, "pasteToken" satisfies ErrorKey).max(2_000, "tooLong" satisfies ErrorKey).regex(/^[A-Za-z0-9+/_-]+={0,2}$/, "notAToken" satisfies ErrorKey)),
});

/**
 * Claims a SimpleFIN setup token for the connection started on Connect bank (or by Update
 * Credentials / Reconnect): the same completion as a provider's redirect back, with the
 * token in place of the bank's answer, then on to choosing the accounts.
 */
export async function claimSetupTokenAction(_previous: SetupTokenState, formData: FormData): Promise<SetupTokenState> {
  const membership = await requireMembership();
  const parsed = schema.safeParse({ state: formData.get("state"), setupToken: formData.get("setupToken") ?? "" });
  if (!parsed.success) return { error: (await getTranslations("simplefin.errors"))((parsed.error.issues[0]?.message ?? "checkForm") as ErrorKey) };
  const result = await completeConnect(
    { db },
    { companyId: membership.companyId, userId: membership.userId },
    new URLSearchParams({ state: parsed.data.state, setup_token: parsed.data.setupToken }),
  );
  if (result.ok) redirect(`/connect/${result.connectionId}/accounts`);
  // Like the redirect callback: the connect page reads the message back from the connection.
  if (result.connectionId) redirect(`/connect?failed=${result.connectionId}`);
  return { error: renderStoredMessage(result.error, await getLocale()) };
}
