"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { revokeApiKeyAction, type RevokeApiKeyState } from "./actions";

export function RevokeApiKeyButton({ keyId, name }: { keyId: string; name: string }) {
  const t = useTranslations("apiKeys");
  const [state, action, pending] = useActionState<RevokeApiKeyState, FormData>(revokeApiKeyAction, null);
  return (
    <form action={action} className="inline">
      <input type="hidden" name="keyId" value={keyId} />
      <button type="submit" disabled={pending} aria-label={t("revokeLabel", { name })}
        className="rounded-md border border-red-300 px-3 py-1 text-sm text-red-700 hover:bg-red-50 disabled:opacity-60">
        {pending ? t("revoking") : t("revoke")}
      </button>
      {state && !state.ok && <span role="alert" className="ml-2 text-sm text-red-700">{state.error}</span>}
    </form>
  );
}
