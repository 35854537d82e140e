import { getLocale, getTranslations } from "next-intl/server";
import { db } from "@/db/client";
import { formatDate, toIsoDate } from "@/lib/dates";
import { listExpiringConsents } from "@/lib/connections/consent-expiry";
import { ReconsentButton } from "./reconsent-button";

/** Consents that run out within a week, each with a one-click renewal. */
export async function ConsentExpiryBanner({ companyId }: { companyId: string }) {
  const expiring = await listExpiringConsents(db, companyId, new Date());
  if (expiring.length === 0) return null;
  const t = await getTranslations("consentExpiry");
  const locale = await getLocale();
  return (
    <section aria-label={t("label")} className="mt-4 space-y-2 rounded-md border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900">
      {expiring.map((consent) => (
        <p key={consent.connectionId} className="flex flex-wrap items-center justify-between gap-2">
          <span>
            {t("expires", { institution: consent.institutionName, date: formatDate(toIsoDate(consent.consentExpiresAt), locale), daysLeft: consent.daysLeft })}
          </span>
          <ReconsentButton connectionId={consent.connectionId} reason="renew_consent" label={t("renew")} />
        </p>
      ))}
    </section>
  );
}
