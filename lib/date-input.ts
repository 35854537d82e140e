/**
 * Dates typed into a date field, in the reader's language: "31/12/2025" in Indonesian,
 * "31 Dec 2025" in English (the forms lib/dates.ts shows), and ISO "2025-12-31" in both.
 * Pure, so the date field component and its tests share it; the server still checks the
 * ISO value it receives (isIsoDate).
 */
import { formatDate, isIsoDate } from "@/lib/dates";

const ENGLISH_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/** The ISO date the text names, or null when it is not a real day in the language's form. */
export function parseDateInput(text: string, locale: string): string | null {
  const trimmed = text.trim();
  if (isIsoDate(trimmed)) return trimmed;
  const numeric = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  if (numeric && isIndonesian(locale)) return isoOrNull(numeric[3]!, Number(numeric[2]), numeric[1]!);
  const named = /^(\d{1,2})\s+([a-z]+)\.?,?\s+(\d{4})$/i.exec(trimmed);
  if (named && !isIndonesian(locale)) {
    const name = named[2]!.toLowerCase();
    // The short name lib/dates.ts shows ("Dec"), the full one, and "Sept".
    const month = ENGLISH_MONTHS.findIndex((full) => name === full || name === full.slice(0, 3) || (name === "sept" && full === "september")) + 1;
    if (month === 0) return null;
    return isoOrNull(named[3]!, month, named[1]!);
  }
  return null;
}

/** The text a date field shows for an ISO date: the same form as lib/dates.ts's formatDate. */
export function formatDateInput(isoDate: string, locale: string): string {
  return isIsoDate(isoDate) ? formatDate(isoDate, locale) : isoDate;
}

function isoOrNull(year: string, month: number, day: string): string | null {
  const iso = `${year}-${String(month).padStart(2, "0")}-${day.padStart(2, "0")}`;
  return isIsoDate(iso) ? iso : null;
}

function isIndonesian(locale: string): boolean {
  return locale.toLowerCase().startsWith("id");
}
