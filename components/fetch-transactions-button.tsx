"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { fetchTransactionsAction, type FetchState } from "@/app/(app)/actions";
import { RunOutcome } from "./live-run/run-outcome";
import { useLiveRun } from "./live-run/use-live-run";

type Props = {
  bankAccountId: string;
  /** The account's connection, whose run the button watches while it is open. */
  connectionId: string;
  waitingForCode: boolean;
  /** The connection's newest run was still running when the page was rendered. */
  running?: boolean;
};

/**
 * Runs the sync now and says what happened; asks for the bank's security code when needed.
 * While a run of the connection goes on (opened elsewhere, or "already running" after a
 * press) it says so and then shows that run's result (components/live-run).
 */
export function FetchTransactionsButton({ bankAccountId, connectionId, waitingForCode, running = false }: Props) {
  const t = useTranslations("fetchTransactions");
  const liveText = useTranslations("liveRun");
  const live = useLiveRun(connectionId, running);
  const [state, action, pending] = useActionState<FetchState, FormData>(async (previous, formData) => {
    const next = await fetchTransactionsAction(previous, formData);
    if (next.alreadyRunning) live.watch();
    return next;
  }, {
    status: waitingForCode ? "waiting_mfa" : "idle",
    message: null,
  });
  // Before any press, or after "already running", the watched run speaks for the button.
  const watchedRun = state.status === "idle" || state.alreadyRunning ? live.ended : null;
  const askForCode = state.status === "waiting_mfa" || watchedRun?.status === "waiting_mfa";
  const tone = state.status === "failed" ? "text-red-700" : state.status === "rate_limited" || state.status === "waiting_mfa" ? "text-amber-700" : "text-emerald-700";
  return (
    <div className="mt-4">
      {askForCode ? (
        <form action={action} className="space-y-2">
          <input type="hidden" name="bankAccountId" value={bankAccountId} />
          {/* The card's state line already says a code is required: this heads the form itself. */}
          <h3 className="text-sm font-medium text-amber-700">{t("codeHeading")}</h3>
          {state.codeRejected && <p role="alert" className="text-sm text-red-700">{state.message}</p>}
          <label className="block text-sm">
            <span className="font-medium">{t("securityCode")}</span>
            <span className="block text-xs text-slate-500">{state.mfaPrompt || t("enterCode")}</span>
            <input name="code" inputMode="numeric" autoComplete="one-time-code" required
              className="mt-1 w-full rounded-md border border-slate-300 px-3 py-1.5" />
          </label>
          <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60">
            {pending ? t("checking") : t("submit")}
          </button>
          <details className="text-xs text-slate-600">
            <summary className="cursor-pointer">{t("whyManualQuestion")}</summary>
            <p className="mt-1">{t("whyManualAnswer")}</p>
          </details>
        </form>
      ) : (
        <form action={action}>
          <input type="hidden" name="bankAccountId" value={bankAccountId} />
          <button type="submit" disabled={pending || live.watching}
            className="rounded-md border border-brand-600 px-3 py-1.5 text-sm font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-60">
            {pending ? t("fetching") : t("fetch")}
          </button>
        </form>
      )}
      {live.watching ? (
        <p role="status" className="mt-2 text-sm text-slate-600">{state.alreadyRunning ? liveText("alreadyRunning") : liveText("running")}</p>
      ) : watchedRun ? (
        !askForCode && <RunOutcome run={watchedRun} />
      ) : state.message && state.status !== "waiting_mfa" && (
        <p role="status" className={`mt-2 text-sm ${tone}`}>
          {state.message}
          {state.errorReference && <span className="block text-xs text-slate-500">{t("reference", { reference: state.errorReference })}</span>}
        </p>
      )}
    </div>
  );
}
