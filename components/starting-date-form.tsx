import Form from "next/form";
import { getLocale, getTranslations } from "next-intl/server";
import { formatDate } from "@/lib/dates";
import { DateField } from "./date-field";

/** The "Starting Date" of Find Duplicate / Find Missing Transactions: a GET form, so the search is a shareable URL. */
export async function StartingDateForm({ action, date, lockDate, movedByLockDate, submitLabel }: {
  action: string;
  date: string;
  lockDate: string | null;
  movedByLockDate: boolean;
  submitLabel: string;
}) {
  const t = await getTranslations("startingDate");
  const locale = await getLocale();
  return (
    <Form action={action} className="mt-6 flex flex-wrap items-start gap-3 rounded-xl border border-slate-200 bg-white p-4">
      <DateField id="from" name="from" label={t("label")} required defaultValue={date} />
      <button type="submit" className="mt-6 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">{submitLabel}</button>
      {lockDate && (
        <p className={`basis-full text-sm ${movedByLockDate ? "text-amber-700" : "text-slate-500"}`}>
          {movedByLockDate
            ? t("movedByLockDate", { lockDate: formatDate(lockDate, locale) })
            : t("lockDate", { lockDate: formatDate(lockDate, locale) })}
        </p>
      )}
    </Form>
  );
}
