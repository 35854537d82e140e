"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";

/** Copies what support needs (error reference, client id, message) in one click. */
export function CopyForSupport({ errorReference, clientId, message }: { errorReference: string; clientId: string; message?: string | null }) {
  const t = useTranslations("copyForSupport");
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const text = [t("errorReference", { errorReference }), t("clientId", { clientId }), message ? t("message", { message }) : null].filter(Boolean).join("\n");
  return (
    <span className="inline-flex items-center gap-2">
      <button type="button" onClick={() => navigator.clipboard.writeText(text).then(() => setCopied("yes"), () => setCopied("failed"))}
        className="rounded border border-slate-300 px-2 py-0.5 text-xs font-medium hover:bg-slate-50">
        {t("copy")}
      </button>
      {copied === "yes" && <span role="status" className="text-xs text-emerald-700">{t("copied")}</span>}
      {copied === "failed" && <span role="status" className="text-xs text-red-700">{t("copyByHand")}</span>}
    </span>
  );
}
