"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { createApiKeyAction, type CreateApiKeyState } from "./actions";

export function CreateApiKeyForm() {
  const t = useTranslations("apiKeys");
  const [state, action, pending] = useActionState<CreateApiKeyState, FormData>(createApiKeyAction, null);
  const fieldErrors = state && !state.ok ? state.fieldErrors ?? {} : {};
  return (
    <div className="mt-4">
      <form action={action} className="flex flex-wrap items-end gap-3" noValidate>
        <div>
          <label htmlFor="api-key-name" className="block text-sm font-medium">{t("name")}</label>
          <input id="api-key-name" name="name" placeholder={t("namePlaceholder")} aria-invalid={fieldErrors.name ? true : undefined}
            className="mt-1 rounded-md border border-slate-300 px-3 py-2 aria-invalid:border-red-500" />
          {fieldErrors.name && <p className="mt-1 text-sm text-red-600">{fieldErrors.name[0]}</p>}
        </div>
        <div>
          <label htmlFor="api-key-scope" className="block text-sm font-medium">{t("scope")}</label>
          <select id="api-key-scope" name="scope" defaultValue="read" className="mt-1 rounded-md border border-slate-300 px-3 py-2">
            <option value="read">read</option>
            <option value="read_sync">read+sync</option>
          </select>
        </div>
        <button type="submit" disabled={pending}
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? t("creating") : t("create")}
        </button>
      </form>
      {!pending && state?.ok && (
        <div role="status" className="mt-3 rounded-md border border-green-300 bg-green-50 p-3 text-sm">
          <p className="font-medium">{t("copyNow")}</p>
          <code data-testid="new-api-key" className="mt-1 block break-all font-mono">{state.key}</code>
        </div>
      )}
      {!pending && state && !state.ok && <p role="alert" className="mt-2 text-sm text-red-700">{state.error}</p>}
    </div>
  );
}
