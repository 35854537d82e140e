import { getLocale, getTranslations } from "next-intl/server";
import { db } from "@/db/client";
import type { Membership } from "@/lib/auth/membership";
import { getLockDate } from "@/lib/companies/lock-date";
import { formatDate } from "@/lib/dates";
import { LockDateForm } from "./lock-date-form";

/** Settings → Lock dates: the form for admins, the date read-only for everyone else. */
export async function LockDatesSection({ membership }: { membership: Membership }) {
  const lockDate = await getLockDate(db, membership.companyId);
  const t = await getTranslations("lockDates");
  const locale = await getLocale();
  return (
    <section aria-labelledby="lock-dates-heading" className="mt-8 rounded-xl border border-slate-200 bg-white p-6">
      <h2 id="lock-dates-heading" className="text-lg font-medium">{t("title")}</h2>
      <p className="mt-1 text-sm text-slate-600">
        {t("intro")}
      </p>
      {membership.role === "admin" ? (
        <LockDateForm lockDate={lockDate} />
      ) : (
        <div className="mt-4">
          {lockDate ? (
            <>
              <label htmlFor="lockDate" className="block text-sm font-medium">{t("lockEverything")}</label>
              <input id="lockDate" type="text" value={formatDate(lockDate, locale)} readOnly
                className="mt-1 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-slate-700" />
            </>
          ) : (
            <p className="text-sm"><span className="font-medium">{t("lockEverything")}:</span> {t("noLockDate")}</p>
          )}
          <p className="mt-2 text-sm text-slate-500">{t("adminOnly")}</p>
        </div>
      )}
    </section>
  );
}
