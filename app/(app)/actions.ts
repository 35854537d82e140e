"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/db/client";
import { requireMembership } from "@/lib/auth/membership";
import { setDeveloperMode } from "@/lib/developer-mode/toggle";
import { locales, LOCALE_COOKIE } from "@/lib/i18n/locales";
import { renderStoredMessage } from "@/lib/i18n/stored-message";
import { saveLocale } from "@/lib/i18n/preference";
import { startUpdateCredentials } from "@/lib/connections/update-credentials";
import { requestOrigin } from "@/lib/http/origin";
import { fetchTransactionsForAccount, submitSecurityCode } from "@/lib/sync/fetch-account";

const fetchSchema = z.object({
  bankAccountId: z.string().uuid(),
  code: z.string().trim().regex(/^\d{4,8}$/).optional(),
});

export type FetchState = {
  status: "idle" | "running" | "succeeded" | "rate_limited" | "waiting_mfa" | "failed";
  message: string | null;
  errorReference?: string;
  /** The bank's own words asking for the code; without them the dialog asks in the reader's language. */
  mfaPrompt?: string | null;
  codeRejected?: boolean;
  /** Another run of the connection was going on: the button watches it and shows its result. */
  alreadyRunning?: boolean;
};

/** "Fetch Transactions" on a dashboard card or an account page, and the security code that resumes it. */
export async function fetchTransactionsAction(_previous: FetchState, formData: FormData): Promise<FetchState> {
  const membership = await requireMembership();
  const t = await getTranslations("actions");
  const parsed = fetchSchema.safeParse({ bankAccountId: formData.get("bankAccountId"), code: formData.get("code") ?? undefined });
  if (!parsed.success) return { status: "failed", message: parsed.error.issues.some((issue) => issue.path[0] === "code") ? t("codeDigitsOnly") : t("invalidRequest") };
  const actor = { companyId: membership.companyId, userId: membership.userId };
  const outcome = parsed.data.code
    ? await submitSecurityCode({ db }, actor, { bankAccountId: parsed.data.bankAccountId, code: parsed.data.code })
    : await fetchTransactionsForAccount({ db }, actor, { bankAccountId: parsed.data.bankAccountId });
  // The dashboard and the account's pages show what the fetch brought.
  revalidatePath("/", "layout");
  const message = outcome.text ? renderStoredMessage(outcome.text, await getLocale()) : outcome.message;
  if (outcome.status === "running") return { status: "running", message };
  if (outcome.errorCode === "already_running") return { status: "running", message: (await getTranslations("liveRun"))("alreadyRunning"), alreadyRunning: true };
  return { status: outcome.status, message, errorReference: outcome.errorReference, mfaPrompt: outcome.mfa?.prompt, codeRejected: outcome.mfa?.codeRejected };
}

export type ReconsentState = { error: string | null };

const reconsentSchema = z.object({
  connectionId: z.string().uuid(),
  reason: z.enum(["update_credentials", "reconnect", "renew_consent"]),
});

/** "Renew consent", "Reconnect" or "Update Credentials": the provider's update flow for that connection. */
export async function reconsentAction(_previous: ReconsentState, formData: FormData): Promise<ReconsentState> {
  const membership = await requireMembership();
  const parsed = reconsentSchema.safeParse({ connectionId: formData.get("connectionId"), reason: formData.get("reason") });
  if (!parsed.success) return { error: (await getTranslations("actions"))("invalidRequest") };
  const result = await startUpdateCredentials({ db }, { companyId: membership.companyId, userId: membership.userId }, {
    connectionId: parsed.data.connectionId, callbackUrl: `${await requestOrigin()}/connect/callback`, reason: parsed.data.reason,
  });
  if (!result.ok) return { error: renderStoredMessage(result.error, await getLocale()) };
  redirect(result.redirectUrl);
}

export type DeveloperModeState = { error: string | null };

/** "Activate developer mode" / "Deactivate developer mode" in the user menu (admins only). */
export async function setDeveloperModeAction(_previous: DeveloperModeState, formData: FormData): Promise<DeveloperModeState> {
  const membership = await requireMembership();
  const parsed = z.object({ on: z.enum(["true", "false"]) }).safeParse({ on: formData.get("on") });
  if (!parsed.success) return { error: (await getTranslations("actions"))("invalidRequest") };
  const result = await setDeveloperMode(db, membership, parsed.data.on === "true");
  if (!result.ok) return { error: renderStoredMessage(result.error, await getLocale()) };
  revalidatePath("/", "layout");
  return { error: null };
}

export type LanguageState = { error: string | null };

/**
 * The language chosen in the user menu: stored on the user (it follows them to another
 * browser) and in a cookie (so the sign-in page speaks it too after signing out).
 */
export async function setLanguageAction(_previous: LanguageState, formData: FormData): Promise<LanguageState> {
  const membership = await requireMembership();
  const parsed = z.object({ locale: z.enum(locales) }).safeParse({ locale: formData.get("locale") });
  if (!parsed.success) return { error: (await getTranslations("userMenu"))("unknownLanguage") };
  await saveLocale(db, membership.userId, parsed.data.locale);
  (await cookies()).set(LOCALE_COOKIE, parsed.data.locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax" });
  revalidatePath("/", "layout");
  return { error: null };
}
