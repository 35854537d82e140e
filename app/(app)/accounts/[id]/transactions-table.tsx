import type { TransactionRow } from "@/lib/transactions/list";
import { formatMoney, isNegative } from "@/lib/money";

export function TransactionsTable({ rows }: { rows: TransactionRow[] }) {
  return (
    <div className="mt-6 overflow-x-auto rounded-xl border border-slate-200 bg-white">
      <table className="w-full text-sm">
        <caption className="sr-only">Transactions, newest first</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">Date</th>
            <th scope="col" className="px-4 py-2 font-medium">Description</th>
            <th scope="col" className="px-4 py-2 font-medium">Partner</th>
            <th scope="col" className="px-4 py-2 text-right font-medium">Amount</th>
            <th scope="col" className="px-4 py-2 font-medium">Reconciled</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id}>
              <td className="whitespace-nowrap px-4 py-2 tabular-nums">{row.bookingDate}</td>
              <td className="px-4 py-2">
                {row.description}
                {row.reference && <div className="text-xs text-slate-500">{row.reference}</div>}
              </td>
              <td className="px-4 py-2">{row.partnerName ?? "—"}</td>
              <td className={`whitespace-nowrap px-4 py-2 text-right tabular-nums ${isNegative(row.amount) ? "text-red-700" : ""}`}>
                {formatMoney(row.amount, row.currency)}
              </td>
              <td className="px-4 py-2">{row.reconciledAt ? "Yes" : "No"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
