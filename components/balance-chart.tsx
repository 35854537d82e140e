/**
 * Two balances over time as a server-rendered inline SVG: the bank's (solid) and ours
 * (dashed), with the checks where they differ marked. Screen readers get a summary label
 * and the same numbers as a table.
 */
import { getLocale, getTranslations } from "next-intl/server";
import { formatDate } from "@/lib/dates";
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

export async function BalanceChart({ points, currency }: { points: BalanceChartPoint[]; currency: string }) {
  const t = await getTranslations("balanceChart");
  const locale = await getLocale();
  const money = (amount: string) => formatMoney(amount, currency, locale);
  const date = (isoDate: string) => formatDate(isoDate, locale);
  const units = points.flatMap((point) => [toMinorUnits(point.bankBalance, SCALE), toMinorUnits(point.computedBalance, SCALE)]);
  const lowest = units.reduce((a, b) => (b < a ? b : a));
  const high = units.reduce((a, b) => (b > a ? b : a));
  // A flat series still needs a band to draw in: one currency unit, with the line in its middle.
  const flat = high === lowest;
  const span = flat ? BigInt(10 ** SCALE) : high - lowest;
  const low = flat ? lowest - span / BigInt(2) : lowest;
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
  const summary = [
    t("summary", { count: points.length, from: date(points[0]!.linesThrough), to: date(newest.linesThrough) }),
    newest.matches ? t("matchNow", { amount: money(newest.bankBalance) }) : t("differNow", { bank: money(newest.bankBalance), computed: money(newest.computedBalance) }),
    gaps.length > 0 ? t("differed", { count: gaps.length }) : "",
  ].filter(Boolean).join(" ");

  if (points.length === 1) {
    // One check draws no line: the value itself says more than an empty band.
    return (
      <figure>
        <p className="rounded-md border border-slate-200 bg-slate-50 px-4 py-3 text-sm" data-testid="balance-single-check">
          {t("singleCheck", { date: date(newest.linesThrough) })}{" "}
          <span className="font-medium tabular-nums">
            {newest.matches ? t("matchNow", { amount: money(newest.bankBalance) }) : t("differNow", { bank: money(newest.bankBalance), computed: money(newest.computedBalance) })}
          </span>
        </p>
      </figure>
    );
  }

  return (
    <figure>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary} className="h-auto w-full max-w-3xl" data-testid="balance-chart">
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={PAD.top} y2={PAD.top} className="stroke-slate-200" />
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={PAD.top + plotHeight} y2={PAD.top + plotHeight} className="stroke-slate-300" />
        <text x={PAD.left - 6} y={PAD.top + 4} textAnchor="end" className="fill-slate-500 text-[11px]">{money(fromMinorUnits(low + span, SCALE))}</text>
        <text x={PAD.left - 6} y={PAD.top + plotHeight + 4} textAnchor="end" className="fill-slate-500 text-[11px]">{money(fromMinorUnits(low, SCALE))}</text>
        <text x={PAD.left} y={HEIGHT - 8} className="fill-slate-500 text-[11px]">{date(points[0]!.linesThrough)}</text>
        <text x={WIDTH - PAD.right} y={HEIGHT - 8} textAnchor="end" className="fill-slate-500 text-[11px]">{date(newest.linesThrough)}</text>
        <polyline points={line((point) => point.bankBalance)} fill="none" strokeWidth={2} className="stroke-brand-600" />
        <polyline points={line((point) => point.computedBalance)} fill="none" strokeWidth={2} strokeDasharray="6 4" className="stroke-amber-500" />
        {points.map((point, index) => (
          <circle key={index} cx={x(point.checkedAt)} cy={y(point.bankBalance)} r={point.matches ? 2.5 : 4}
            className={point.matches ? "fill-brand-600" : "fill-red-600"} />
        ))}
      </svg>
      <figcaption className="mt-2 flex flex-wrap gap-4 text-xs text-slate-600">
        <span><span aria-hidden className="mr-1 inline-block h-0.5 w-5 bg-brand-600 align-middle" />{t("bankBalance")}</span>
        <span><span aria-hidden className="mr-1 inline-block w-5 border-t-2 border-dashed border-amber-500 align-middle" />{t("computedLegend")}</span>
        {gaps.length > 0 && <span><span aria-hidden className="mr-1 inline-block h-2 w-2 rounded-full bg-red-600 align-middle" />{t("differs")}</span>}
      </figcaption>
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer text-slate-600 hover:text-brand-700">{t("showTable")}</summary>
        <table className="mt-2 w-full max-w-3xl text-left">
          <caption className="sr-only">{t("caption")}</caption>
          <thead className="text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="py-1 pr-4 font-medium">{t("linesThrough")}</th>
              <th scope="col" className="py-1 pr-4 text-right font-medium">{t("bank")}</th>
              <th scope="col" className="py-1 pr-4 text-right font-medium">{t("computed")}</th>
              <th scope="col" className="py-1 text-right font-medium">{t("difference")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 tabular-nums">
            {points.map((point, index) => (
              <tr key={index} className={point.matches ? undefined : "text-red-700"}>
                <td className="py-1 pr-4">{date(point.linesThrough)}</td>
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
