import { useTranslations } from "next-intl";

/** The first rows of the CSV as the bank wrote them, and how each one will be read. */
export function CsvPreviewTable({ rows, names, readings }: { rows: string[][]; names: string[]; readings: string[] }) {
  const t = useTranslations("csvMapping");
  if (rows.length === 0) return <p className="mt-6 text-sm text-slate-600">{t("noRows")}</p>;
  return (
    <div className="mt-6 overflow-x-auto">
      <table className="min-w-full text-left text-xs">
        <caption className="mb-2 text-left text-sm font-medium">{t("firstRows")}</caption>
        <thead>
          <tr className="border-b border-slate-200 text-slate-500">
            <th className="px-2 py-1">{t("readAs")}</th>
            {names.map((name, i) => <th key={i} className="whitespace-nowrap px-2 py-1">{name}</th>)}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r} className="border-b border-slate-100">
              <td className="whitespace-nowrap px-2 py-1 font-medium">{readings[r]}</td>
              {names.map((_, i) => <td key={i} className="whitespace-nowrap px-2 py-1">{row[i] ?? ""}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
