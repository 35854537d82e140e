/**
 * `consent-expiry-warning`: once a day, a warning in the connection log of every live
 * connection whose consent ends within 7 days (lib/connections/consent-expiry). The
 * dashboard banner reads the same list, so it needs no event.
 */
import { cron } from "inngest";
import { db, type Db } from "@/db/client";
import { warnExpiringConsents } from "@/lib/connections/consent-expiry";
import { inngest } from "../client";

export const CONSENT_WARNING_CRON = "0 7 * * *";

export function createConsentExpiryWarningFunction(deps: { db: Db; now?: () => Date }) {
  return inngest.createFunction(
    { id: "consent-expiry-warning", name: "Warn about consents that expire within 7 days", triggers: [cron(CONSENT_WARNING_CRON)] },
    async ({ step }) => {
      const expiring = await step.run("warn-expiring-consents", async () => {
        const warned = await warnExpiringConsents(deps.db, deps.now?.() ?? new Date());
        return warned.map((consent) => ({ connectionId: consent.connectionId, consentExpiresAt: consent.consentExpiresAt.toISOString(), warned: consent.warned }));
      });
      return { expiring: expiring.length, warned: expiring.filter((consent) => consent.warned).length };
    },
  );
}

export const consentExpiryWarningFunction = createConsentExpiryWarningFunction({ db });
