/** One message catalogue per language; English is the reference every other one must match. */
import en from "./messages/en.json";
import id from "./messages/id.json";
import type { Locale } from "./locales";

export type Messages = typeof en;

const catalogues: Record<Locale, Messages> = { en, id };

export function catalogue(locale: Locale): Messages {
  return catalogues[locale];
}
