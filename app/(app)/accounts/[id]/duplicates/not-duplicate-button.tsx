"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { DuplicateGroup } from "@/lib/duplicates/find";
import type { SelectionActionState } from "@/lib/transactions/selection-schema";
import { notDuplicateAction } from "./actions";

const idle: SelectionActionState = { status: "idle", message: null };

/** "Not a duplicate" on one group: its pairs are remembered and it leaves the list. */
export function NotDuplicateButton({ bankAccountId, group, onDone }: { bankAccountId: string; group: DuplicateGroup; onDone: (ids: number[], message: string) => void }) {
  const t = useTranslations("duplicates");
  const [state, action, pending] = useActionState(async (previous: SelectionActionState, formData: FormData) => {
    const next = await notDuplicateAction(previous, formData);
    if (next.status === "done") onDone(group.lines.map((line) => line.id), next.message ?? "");
    return next;
  }, idle);
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="bankAccountId" value={bankAccountId} />
      <input type="hidden" name="reason" value={group.reason} />
      {group.lines.map((line) => <input key={line.id} type="hidden" name="transactionId" value={line.id} />)}
      {state.status === "error" && <p role="alert" className="text-xs text-red-700">{state.message}</p>}
      <button type="submit" disabled={pending}
        className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60">
        {pending ? t("saving") : t("notDuplicate")}
      </button>
    </form>
  );
}
