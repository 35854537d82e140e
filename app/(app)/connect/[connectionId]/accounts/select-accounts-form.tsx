"use client";

import { useLocale, useTranslations } from "next-intl";
import { useActionState } from "react";
import { maskAccountNumber } from "@/lib/bank-accounts/mask";
import { formatMoney } from "@/lib/money";
import { confirmAccountsAction, type SelectState } from "../../actions";

type Account = { providerAccountId: string; name: string; accountNumber: string; currency: string; type: string; balance: { amount: string; currency: string } | null };
type Manual = { id: string; name: string; currency: string };

type Existing = { providerAccountId: string; syncEnabled: boolean };

export function SelectAccountsForm({ connectionId, accounts, manualAccounts, existing }: { connectionId: string; accounts: Account[]; manualAccounts: Manual[]; existing: Existing[] }) {
  const t = useTranslations("selectAccounts");
  const locale = useLocale();
  const [state, action, pending] = useActionState<SelectState, FormData>(confirmAccountsAction, { error: null });
  // Updating an existing connection: tick what was synchronized so far, and say what unticking does.
  const updating = existing.length > 0;
  const known = new Map(existing.map((a) => [a.providerAccountId, a.syncEnabled]));
  return (
    <form action={action} className="mt-6 space-y-4">
      {updating && (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
          {t("untickWarning")}
        </p>
      )}
      <input type="hidden" name="connectionId" value={connectionId} />
      <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
        {accounts.map((account) => {
          const candidates = manualAccounts.filter((m) => m.currency === account.currency);
          return (
            <li key={account.providerAccountId} className="flex flex-wrap items-center gap-4 px-4 py-3">
              <label className="flex flex-1 items-center gap-3">
                <input type="checkbox" name="account" value={account.providerAccountId} defaultChecked={updating ? known.get(account.providerAccountId) === true : true} />
                <span>
                  <span className="font-medium">{account.name}</span>
                  <span className="ml-2 text-sm text-slate-500">{maskAccountNumber(account.accountNumber)} · {account.currency} · {account.type}</span>
                  {account.balance && <span className="ml-2 text-sm tabular-nums">{formatMoney(account.balance.amount, account.balance.currency, locale)}</span>}
                </span>
              </label>
              {!known.has(account.providerAccountId) && <label className="text-sm">
                <span className="block text-xs font-medium text-slate-600">{t("synchronizeInto", { name: account.name })}</span>
                <select name={`map:${account.providerAccountId}`} defaultValue="" className="mt-1 rounded-md border border-slate-300 px-2 py-1">
                  <option value="">{t("newBankAccount")}</option>
                  {candidates.map((m) => <option key={m.id} value={m.id}>{t("existing", { name: m.name })}</option>)}
                </select>
              </label>}
            </li>
          );
        })}
      </ul>
      {state.error && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{state.error}</p>}
      <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? t("importing") : t("confirm")}
      </button>
    </form>
  );
}
