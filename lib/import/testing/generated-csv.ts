/**
 * A bank-like CSV export of any size for the size tests, the bench and the e2e spec:
 * German conventions (";" separator, decimal comma, DD.MM.YYYY), dates over three years,
 * some equal amounts on equal days, and the count and signed sum it holds.
 */
import { sumDecimals } from "@/lib/money";

export type GeneratedCsv = { text: string; count: number; sum: string };

export function generateStatementCsv(rows: number, seed = "Line"): GeneratedCsv {
  const amounts: string[] = [];
  const lines = ["Buchungstag;Verwendungszweck;Betrag;Waehrung"];
  const start = Date.UTC(2022, 0, 1);
  for (let i = 0; i < rows; i += 1) {
    const day = new Date(start + (i % 1095) * 86_400_000);
    const date = `${String(day.getUTCDate()).padStart(2, "0")}.${String(day.getUTCMonth() + 1).padStart(2, "0")}.${day.getUTCFullYear()}`;
    const cents = ((i * 7919) % 250_000) - 200_000;
    const amount = `${cents < 0 ? "-" : ""}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, "0")}`;
    amounts.push(amount);
    lines.push(`${date};${seed} ${i + 1};${amount.replace(".", ",")};EUR`);
  }
  return { text: `${lines.join("\n")}\n`, count: rows, sum: sumDecimals(amounts) };
}
