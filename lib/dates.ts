/** Calendar dates as "YYYY-MM-DD" strings (UTC), the shape of PostgreSQL `date`, and how they are shown. */
import { dateTimeFormat } from "./intl-cache";

export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return toIsoDate(date);
}

/**
 * A real calendar day in the years 1900 to 2999: older or later ones are typing mistakes
 * (and year 0 is not a date PostgreSQL knows, so it would fail instead of being refused).
 */
export function isIsoDate(value: string): boolean {
  if (!/^(19|2\d)\d{2}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  // Month 13 gives an invalid Date (toISOString would throw); Feb 30 rolls over to March.
  return !Number.isNaN(date.getTime()) && toIsoDate(date) === value;
}

/** "2026-11-25 09:41 UTC": how times are shown on the troubleshooting pages. */
export function formatUtcMinute(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/**
 * Calendar dates as each reader expects: "31/12/2025" in Indonesian, "31 Dec 2025" in
 * English (never 12/31, which a reader outside the US misreads). Locale is the app's
 * language code ("en", "id").
 */
export function formatDate(isoDate: string, locale: string): string {
  return dateFormat(locale).format(new Date(`${isoDate}T00:00:00Z`));
}

/**
 * A moment with its time zone: "31/12/2025, 09.41 UTC", "31 Dec 2025, 09:41 UTC". The comma
 * is Intl's own id-ID pattern (no option leaves it out), kept so every page writes it alike.
 */
export function formatDateTime(date: Date, locale: string): string {
  return dateTimeFormat(isIndonesian(locale) ? "id-ID" : "en-GB", {
    ...dateParts(locale),
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: "UTC",
    timeZoneName: "short",
  }).format(date);
}

function isIndonesian(locale: string): boolean {
  return locale.toLowerCase().startsWith("id");
}

function dateParts(locale: string): Intl.DateTimeFormatOptions {
  return isIndonesian(locale) ? { day: "2-digit", month: "2-digit", year: "numeric" } : { day: "numeric", month: "short", year: "numeric" };
}

function dateFormat(locale: string): Intl.DateTimeFormat {
  return dateTimeFormat(isIndonesian(locale) ? "id-ID" : "en-GB", { ...dateParts(locale), timeZone: "UTC" });
}
