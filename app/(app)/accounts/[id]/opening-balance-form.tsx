"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { SelectionActionState } from "@/lib/transactions/selection-schema";
import { openingBalanceAction } from "./actions";

const idle: SelectionActionState = { status: "idle", message: null };

/** An administrator's correction of the opening balance, behind a disclosure. */
export function OpeningBalanceForm({ bankAccountId, current }: { bankAccountId: string; current: string | null }) {
  const t = useTranslations("balanceCheck");
  const [state, action, pending] = useActionState(openingBalanceAction, idle);
  return (
    <details className="mt-4 text-sm">
      <summary className="cursor-pointer text-slate-600 hover:text-brand-700">{current === null ? t("setOpening") : t("correctOpening")}</summary>
      <form action={action} className="mt-2 flex flex-wrap items-end gap-3">
        <input type="hidden" name="bankAccountId" value={bankAccountId} />
        <div>
          <label htmlFor="opening-balance" className="block text-sm font-medium">{t("openingBalance")}</label>
          <input id="opening-balance" name="amount" inputMode="decimal" required defaultValue={current ?? ""} placeholder="1250.00"
            className="mt-1 w-40 rounded-md border border-slate-300 px-2 py-1.5 tabular-nums" />
        </div>
        <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? t("saving") : t("save")}
        </button>
        {state.message && (
          <p role={state.status === "error" ? "alert" : "status"} className={`text-sm ${state.status === "error" ? "text-red-700" : "text-green-700"}`}>
            {state.message}
          </p>
        )}
      </form>
      <p className="mt-1 max-w-xl text-xs text-slate-500">{t("openingHelp")}</p>
    </details>
  );
}
