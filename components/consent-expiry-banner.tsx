import { db } from "@/db/client";
import { listExpiringConsents } from "@/lib/connections/consent-expiry";
import { ReconsentButton } from "./reconsent-button";

/** Consents that run out within a week, each with a one-click renewal. */
export async function ConsentExpiryBanner({ companyId }: { companyId: string }) {
  const expiring = await listExpiringConsents(db, companyId, new Date());
  if (expiring.length === 0) return null;
  return (
    <section aria-label="Consents expiring soon" className="mt-4 space-y-2 rounded-md border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900">
      {expiring.map((consent) => (
        <p key={consent.connectionId} className="flex flex-wrap items-center justify-between gap-2">
          <span>
            Your consent for {consent.institutionName} expires on {consent.consentExpiresAt.toISOString().slice(0, 10)}
            {consent.daysLeft <= 1 ? " (tomorrow)" : ` (in ${consent.daysLeft} days)`}. Renew it to keep synchronizing.
          </span>
          <ReconsentButton connectionId={consent.connectionId} reason="renew_consent" label="Renew consent" />
        </p>
      ))}
    </section>
  );
}
