/**
 * Two balances over time as a server-rendered inline SVG: the bank's (solid) and ours
 * (dashed), with the checks where they differ marked. Screen readers get a summary label
 * and the same numbers as a table.
 */
import { formatMoney, fromMinorUnits, toMinorUnits } from "@/lib/money";

export type BalanceChartPoint = {
  checkedAt: Date;
  bankBalance: string;
  computedBalance: string;
  difference: string;
  matches: boolean;
  linesThrough: string;
};

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { top: 16, right: 16, bottom: 28, left: 88 };
const SCALE = 4;

export function BalanceChart({ points, currency }: { points: BalanceChartPoint[]; currency: string }) {
  const money = (amount: string) => formatMoney(amount, currency);
  const units = points.flatMap((point) => [toMinorUnits(point.bankBalance, SCALE), toMinorUnits(point.computedBalance, SCALE)]);
  const low = units.reduce((a, b) => (b < a ? b : a));
  const high = units.reduce((a, b) => (b > a ? b : a));
  // A flat series still needs a band to draw in.
  const span = high - low === BigInt(0) ? BigInt(10 ** SCALE) : high - low;
  const first = points[0]!.checkedAt.getTime();
  const last = points[points.length - 1]!.checkedAt.getTime();
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  // Pixel positions only: the amounts themselves stay exact decimal strings.
  const x = (at: Date) => PAD.left + (last === first ? plotWidth / 2 : ((at.getTime() - first) / (last - first)) * plotWidth);
  const y = (amount: string) => PAD.top + plotHeight - (Number(toMinorUnits(amount, SCALE) - low) / Number(span)) * plotHeight;
  const line = (pick: (point: BalanceChartPoint) => string) =>
    points.map((point) => `${x(point.checkedAt).toFixed(1)},${y(pick(point)).toFixed(1)}`).join(" ");
  const gaps = points.filter((point) => !point.matches);
  const newest = points[points.length - 1]!;
  const summary = `Bank and computed balance, ${points.length} ${points.length === 1 ? "check" : "checks"} from ${points[0]!.linesThrough} to ${newest.linesThrough}. `
    + (newest.matches ? `They match now at ${money(newest.bankBalance)}.` : `They differ now: bank ${money(newest.bankBalance)}, computed ${money(newest.computedBalance)}.`)
    + (gaps.length > 0 ? ` ${gaps.length} ${gaps.length === 1 ? "check" : "checks"} differed.` : "");

  return (
    <figure>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary} className="h-auto w-full max-w-3xl" data-testid="balance-chart">
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={PAD.top} y2={PAD.top} className="stroke-slate-200" />
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={PAD.top + plotHeight} y2={PAD.top + plotHeight} className="stroke-slate-300" />
        <text x={PAD.left - 6} y={PAD.top + 4} textAnchor="end" className="fill-slate-500 text-[11px]">{money(fromMinorUnits(low + span, SCALE))}</text>
        <text x={PAD.left - 6} y={PAD.top + plotHeight + 4} textAnchor="end" className="fill-slate-500 text-[11px]">{money(fromMinorUnits(low, SCALE))}</text>
        <text x={PAD.left} y={HEIGHT - 8} className="fill-slate-500 text-[11px]">{points[0]!.linesThrough}</text>
        <text x={WIDTH - PAD.right} y={HEIGHT - 8} textAnchor="end" className="fill-slate-500 text-[11px]">{newest.linesThrough}</text>
        <polyline points={line((point) => point.bankBalance)} fill="none" strokeWidth={2} className="stroke-brand-600" />
        <polyline points={line((point) => point.computedBalance)} fill="none" strokeWidth={2} strokeDasharray="6 4" className="stroke-amber-500" />
        {points.map((point, index) => (
          <circle key={index} cx={x(point.checkedAt)} cy={y(point.bankBalance)} r={point.matches ? 2.5 : 4}
            className={point.matches ? "fill-brand-600" : "fill-red-600"} />
        ))}
      </svg>
      <figcaption className="mt-2 flex flex-wrap gap-4 text-xs text-slate-600">
        <span><span aria-hidden className="mr-1 inline-block h-0.5 w-5 bg-brand-600 align-middle" />Bank balance</span>
        <span><span aria-hidden className="mr-1 inline-block w-5 border-t-2 border-dashed border-amber-500 align-middle" />Computed (opening balance + transactions)</span>
        {gaps.length > 0 && <span><span aria-hidden className="mr-1 inline-block h-2 w-2 rounded-full bg-red-600 align-middle" />Differs</span>}
      </figcaption>
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer text-slate-600 hover:text-brand-700">Show the checks as a table</summary>
        <table className="mt-2 w-full max-w-3xl text-left">
          <caption className="sr-only">Balance checks, oldest first</caption>
          <thead className="text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="py-1 pr-4 font-medium">Lines through</th>
              <th scope="col" className="py-1 pr-4 text-right font-medium">Bank</th>
              <th scope="col" className="py-1 pr-4 text-right font-medium">Computed</th>
              <th scope="col" className="py-1 text-right font-medium">Difference</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 tabular-nums">
            {points.map((point, index) => (
              <tr key={index} className={point.matches ? undefined : "text-red-700"}>
                <td className="py-1 pr-4">{point.linesThrough}</td>
                <td className="py-1 pr-4 text-right">{money(point.bankBalance)}</td>
                <td className="py-1 pr-4 text-right">{money(point.computedBalance)}</td>
                <td className="py-1 text-right">{point.matches ? "—" : money(point.difference)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
