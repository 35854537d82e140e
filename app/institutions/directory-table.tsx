/** One page of the supported institutions: a row per bank and provider, with its marks. */
import { getTranslations } from "next-intl/server";
import type { DirectoryRow } from "@/lib/institutions/supported";
import { providerLabel } from "@/lib/providers/catalog";

export async function DirectoryTable({ rows }: { rows: DirectoryRow[] }) {
  const t = await getTranslations("supportedInstitutions");
  const mark = "rounded px-2 py-0.5 text-xs font-medium";
  return (
    <div className="mt-2 overflow-x-auto rounded-md border border-slate-200 bg-white">
      <table aria-label={t("table")} className="w-full text-left text-sm">
        <thead className="bg-slate-50 text-xs uppercase text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2">{t("columns.name")}</th>
            <th scope="col" className="px-4 py-2">{t("columns.country")}</th>
            <th scope="col" className="px-4 py-2">{t("columns.bic")}</th>
            <th scope="col" className="px-4 py-2">{t("columns.provider")}</th>
            <th scope="col" className="px-4 py-2">{t("columns.history")}</th>
            <th scope="col" className="px-4 py-2">{t("columns.notes")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row" className="px-4 py-2 font-medium">{row.name}</th>
              <td className="px-4 py-2">{row.country}</td>
              <td className="px-4 py-2 font-mono text-xs">{row.bic ?? "—"}</td>
              <td className="px-4 py-2">{providerLabel(row.provider)}</td>
              <td className="px-4 py-2 whitespace-nowrap">{t("historyDays", { days: row.maxHistoryDays })}</td>
              <td className="px-4 py-2">
                <span className="flex flex-wrap gap-1">
                  {row.beta && <span title={t("betaHint")} className={`${mark} bg-amber-100 text-amber-800`}>{t("beta")}</span>}
                  {row.manualOnly && <span title={t("manualOnlyHint")} className={`${mark} bg-sky-100 text-sky-800`}>{t("manualOnly")}</span>}
                  {!row.available && <span title={t("unavailableHint")} className={`${mark} bg-slate-100 text-slate-600`}>{t("unavailable")}</span>}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
