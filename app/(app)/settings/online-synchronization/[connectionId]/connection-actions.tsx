"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { CopyForSupport } from "@/components/copy-for-support";
import {
  deleteConnectionAction, reconsentFromDeveloperPageAction, setAutoSyncAction, type ConnectionActionState,
} from "../actions";

const initial: ConnectionActionState = { error: null };

function Outcome({ state }: { state: ConnectionActionState }) {
  const t = useTranslations("connectionActions");
  if (state.error) {
    return (
      <div role="alert" className="mt-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
        <p>{state.error}</p>
        {state.errorReference && state.clientId && (
          <p className="mt-1">
            {t.rich("sendToSupport", { errorReference: state.errorReference, clientId: state.clientId, code: (chunks) => <code>{chunks}</code> })}{" "}
            <CopyForSupport errorReference={state.errorReference} clientId={state.clientId} message={state.error} />
          </p>
        )}
      </div>
    );
  }
  if (state.notice) return <p role="status" className="mt-2 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">{state.notice}</p>;
  return null;
}

export function AutoSyncToggle({ connectionId, on }: { connectionId: string; on: boolean }) {
  const t = useTranslations("connectionActions");
  const [state, action, pending] = useActionState(setAutoSyncAction, initial);
  return (
    <form action={action}>
      <input type="hidden" name="connectionId" value={connectionId} />
      <input type="hidden" name="on" value={on ? "false" : "true"} />
      <label className="flex items-center gap-2 text-sm">
        <button type="submit" role="switch" aria-checked={on} aria-label={t("automaticSynchronization")} disabled={pending}
          className={`relative h-5 w-9 rounded-full transition ${on ? "bg-brand-600" : "bg-slate-300"} disabled:opacity-60`}>
          <span className={`absolute top-0.5 h-4 w-4 rounded-full bg-white transition ${on ? "left-4" : "left-0.5"}`} />
        </button>
        {t.rich(on ? "autoSyncIsOn" : "autoSyncIsOff", { strong: (chunks) => <strong>{chunks}</strong> })}
      </label>
      <Outcome state={state} />
    </form>
  );
}

export function ReconsentForm({ connectionId, reason, label }: { connectionId: string; reason: "update_credentials" | "reconnect"; label: string }) {
  const t = useTranslations("connectionActions");
  const [state, action, pending] = useActionState(reconsentFromDeveloperPageAction, initial);
  return (
    <form action={action}>
      <input type="hidden" name="connectionId" value={connectionId} />
      <input type="hidden" name="reason" value={reason} />
      <button type="submit" disabled={pending} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50 disabled:opacity-60">
        {pending ? t("openingBank") : label}
      </button>
      <Outcome state={state} />
    </form>
  );
}

export function DeleteConnection({ connectionId, institution, revoked }: { connectionId: string; institution: string; revoked: boolean }) {
  const t = useTranslations("connectionActions");
  const [state, action, pending] = useActionState(deleteConnectionAction, initial);
  const [confirming, setConfirming] = useState(false);
  const canDeleteHere = revoked || Boolean(state.notice);
  return (
    <div>
      {!confirming ? (
        <button type="button" onClick={() => setConfirming(true)}
          className="rounded-md border border-red-300 px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50">
          {canDeleteHere ? t("deleteHere") : t("delete")}
        </button>
      ) : (
        <form action={action} className="rounded-md border border-red-200 bg-red-50 p-3 text-sm">
          <input type="hidden" name="connectionId" value={connectionId} />
          <p>
            {canDeleteHere ? t("confirmDeleteHere", { institution }) : t("confirmRevoke", { institution })}{" "}
            {t("keptAccounts")}
          </p>
          <div className="mt-2 flex gap-2">
            <button type="submit" disabled={pending} className="rounded-md bg-red-600 px-3 py-1.5 font-medium text-white hover:bg-red-700 disabled:opacity-60">
              {pending ? t("deleting") : t("confirmDelete")}
            </button>
            <button type="button" onClick={() => setConfirming(false)} className="rounded-md border border-slate-300 bg-white px-3 py-1.5">{t("cancel")}</button>
          </div>
        </form>
      )}
      <Outcome state={state} />
    </div>
  );
}
