"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { useForm, useWatch, type UseFormRegisterReturn } from "react-hook-form";
import {
  emptyManualAccount,
  manualAccountSchema,
  type ManualAccountField,
  type ManualAccountInput,
  type ManualAccountValues,
} from "@/lib/bank-accounts/manual-account-schema";
import { IBAN_WARNING } from "@/lib/bank-accounts/account-number";
import { useRefusalText } from "@/components/use-refusal-text";
import { addManualBankAccount } from "./actions";

export function ManualAccountForm() {
  const t = useTranslations("manualAccount");
  const say = useRefusalText();
  const [pending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, setError, control, formState: { errors } } = useForm<ManualAccountInput, unknown, ManualAccountValues>({
    resolver: zodResolver(manualAccountSchema),
    defaultValues: emptyManualAccount,
  });
  const keeping = useWatch({ control, name: "keepInvalidIban" });

  const onSubmit = (values: ManualAccountValues) => {
    setFormError(null);
    startTransition(async () => {
      const result = await addManualBankAccount(values);
      if (result.ok) return;
      setFormError(result.error);
      for (const [field, messages] of Object.entries(result.fieldErrors)) {
        if (messages?.[0]) setError(field as ManualAccountField, { type: "server", message: messages[0] });
      }
    });
  };

  return (
    <form onSubmit={handleSubmit(onSubmit)} className="mt-6 space-y-4 rounded-xl border border-slate-200 bg-white p-6" noValidate>
      <Field id="accountNumber" label={t("accountNumber")} hint={t("accountNumberHint")}
        error={say(errors.accountNumber?.message)} registration={register("accountNumber")} autoComplete="off" />
      {(errors.accountNumber?.message === IBAN_WARNING || keeping) && (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" {...register("keepInvalidIban")} /> {t("keepAnyway")}
        </label>
      )}
      <Field id="bankName" label={t("bank")} error={say(errors.bankName?.message)} registration={register("bankName")} autoComplete="organization" />
      <Field id="bic" label={t("bic")} hint={t("bicHint")} error={say(errors.bic?.message)}
        registration={register("bic")} autoComplete="off" />
      <Field id="currency" label={t("currency")} hint={t("currencyHint")} error={say(errors.currency?.message)}
        registration={register("currency")} autoComplete="off" maxLength={3} />
      {formError && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{say(formError)}</p>}
      <button type="submit" disabled={pending}
        className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? t("adding") : t("submit")}
      </button>
    </form>
  );
}

type FieldProps = {
  id: Exclude<ManualAccountField, "keepInvalidIban">;
  label: string;
  hint?: string;
  /** The message to show, already in the reader's language. */
  error: string | undefined;
  registration: UseFormRegisterReturn;
  autoComplete: string;
  maxLength?: number;
};

function Field({ id, label, hint, error, registration, autoComplete, maxLength }: FieldProps) {
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">{label}</label>
      <input id={id} type="text" {...registration} autoComplete={autoComplete} maxLength={maxLength}
        aria-invalid={error ? true : undefined} aria-describedby={describedBy}
        className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 focus:border-brand-600 focus:outline-none aria-invalid:border-red-500" />
      {hint && <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">{hint}</p>}
      {error && <p id={`${id}-error`} className="mt-1 text-sm text-red-600">{error}</p>}
    </div>
  );
}
