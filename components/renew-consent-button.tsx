"use client";

import { useActionState } from "react";
import { renewConsentAction, type RenewState } from "@/app/(app)/actions";

export function RenewConsentButton({ connectionId }: { connectionId: string }) {
  const [state, action, pending] = useActionState<RenewState, FormData>(renewConsentAction, { error: null });
  return (
    <form action={action} className="inline">
      <input type="hidden" name="connectionId" value={connectionId} />
      <button type="submit" disabled={pending} className="rounded-md bg-amber-600 px-3 py-1 text-sm font-medium text-white hover:bg-amber-700 disabled:opacity-60">
        {pending ? "Opening the bank…" : "Renew consent"}
      </button>
      {state.error && <span role="alert" className="ml-2 text-sm text-red-700">{state.error}</span>}
    </form>
  );
}
