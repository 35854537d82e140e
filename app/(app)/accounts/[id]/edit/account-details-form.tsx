"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import { IBAN_WARNING } from "@/lib/bank-accounts/account-number";
import { useRefusalText } from "@/components/use-refusal-text";
import {
  accountDetailsSchema,
  type AccountDetailsField,
  type AccountDetailsInput,
  type AccountDetailsValues,
} from "@/lib/bank-accounts/account-details-schema";
import { updateAccountDetailsAction } from "./actions";

type Props = { account: { id: string; name: string; accountNumber: string; currency: string }; currencyLocked: boolean };

const inputClass = "mt-1 w-full rounded-md border border-slate-300 px-3 py-2 focus:border-brand-600 focus:outline-none aria-invalid:border-red-500 read-only:bg-slate-100";

/** Name, number and currency of one bank account; the currency only while it has no lines. */
export function AccountDetailsForm({ account, currencyLocked }: Props) {
  const t = useTranslations("accountDetails");
  const say = useRefusalText();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  const { register, handleSubmit, setError, control, formState: { errors } } = useForm<AccountDetailsInput, unknown, AccountDetailsValues>({
    resolver: zodResolver(accountDetailsSchema),
    defaultValues: { bankAccountId: account.id, name: account.name, accountNumber: account.accountNumber, keepInvalidIban: false, currency: account.currency },
  });
  const keeping = useWatch({ control, name: "keepInvalidIban" });

  const onSubmit = (values: AccountDetailsValues) => {
    setOutcome(null);
    startTransition(async () => {
      const result = await updateAccountDetailsAction(values);
      if (result.ok) {
        setOutcome({ ok: true, message: t("saved") });
        router.refresh();
        return;
      }
      setOutcome({ ok: false, message: result.error });
      for (const [field, messages] of Object.entries(result.fieldErrors)) {
        if (messages?.[0]) setError(field as AccountDetailsField, { type: "server", message: messages[0] });
      }
    });
  };

  const error = (field: AccountDetailsField) => errors[field]?.message && (
    <p id={`${field}-error`} className="mt-1 text-sm text-red-600">{say(errors[field]?.message)}</p>
  );

  return (
    <form onSubmit={handleSubmit(onSubmit)} className="mt-6 space-y-4 rounded-xl border border-slate-200 bg-white p-6" noValidate>
      <div>
        <label htmlFor="name" className="block text-sm font-medium">{t("name")}</label>
        <input id="name" {...register("name")} placeholder={account.accountNumber} aria-invalid={errors.name ? true : undefined} className={inputClass} />
        <p className="mt-1 text-xs text-slate-500">{t("nameHint")}</p>
        {error("name")}
      </div>
      <div>
        <label htmlFor="accountNumber" className="block text-sm font-medium">{t("accountNumber")}</label>
        <input id="accountNumber" {...register("accountNumber")} autoComplete="off" aria-invalid={errors.accountNumber ? true : undefined} className={inputClass} />
        {error("accountNumber")}
      </div>
      {(errors.accountNumber?.message === IBAN_WARNING || keeping) && (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" {...register("keepInvalidIban")} /> {t("keepAnyway")}
        </label>
      )}
      <div>
        <label htmlFor="currency" className="block text-sm font-medium">{t("currency")}</label>
        <input id="currency" {...register("currency")} maxLength={3} readOnly={currencyLocked} aria-invalid={errors.currency ? true : undefined} className={inputClass} />
        {currencyLocked && <p className="mt-1 text-xs text-slate-500">{t("currencyLocked", { currency: account.currency })}</p>}
        {error("currency")}
      </div>
      {outcome && (
        <p role={outcome.ok ? "status" : "alert"} className={`rounded-md px-3 py-2 text-sm ${outcome.ok ? "bg-green-50 text-green-800" : "bg-red-50 text-red-700"}`}>{outcome.message}</p>
      )}
      <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? t("saving") : t("save")}
      </button>
    </form>
  );
}
